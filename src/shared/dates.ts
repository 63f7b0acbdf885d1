/** The cohorts run in the Netherlands: dates and times are entered and shown in Amsterdam's time zone. */
export const TIME_ZONE = 'Europe/Amsterdam';

export function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

/** Whether a calendar day (YYYY-MM-DD) is over in Amsterdam. */
export function dayHasPassed(day: string): boolean {
  return day < todayInAmsterdam();
}

/** The calendar day (YYYY-MM-DD) a moment falls on in Amsterdam. */
export function dayInAmsterdam(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(moment);
}

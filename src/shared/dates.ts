/** The cohorts run in the Netherlands: dates and times are entered and shown in Amsterdam's time zone. */
export const TIME_ZONE = 'Europe/Amsterdam';

/** YYYY-MM-DD in Amsterdam (en-CA writes dates that way). Made once: making a formatter costs far more than using it. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

export function todayInAmsterdam(): string {
  return dayFormat.format(new Date());
}

/** Whether a calendar day (YYYY-MM-DD) is over in Amsterdam. */
export function dayHasPassed(day: string): boolean {
  return day < todayInAmsterdam();
}

/** The calendar day (YYYY-MM-DD) a moment falls on in Amsterdam. */
export function dayInAmsterdam(moment: Date): string {
  return dayFormat.format(moment);
}

/*
 * The words of open meetings. A series names its kind of meeting (the format, as DOMAIN.md's
 * programmes do), but an open meeting runs no trajectory: people register for single meetings,
 * without an account, so there is no unit, no machine and no edition. What a kind says is its
 * Dutch name; everything else is the same for every kind.
 */

/** The formats of open meetings Movisie runs (seeds 000, 002, 004). */
export const SERIES_KINDS = ['transitiearena', 'studiedag'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

export const SERIES_KIND_NAMES: Record<SeriesKind, string> = {
  transitiearena: 'Transitiearena',
  studiedag: 'Studiedag',
};

/** Where a person who registers comes from (seed 004: "GGZ, sociale diensten, zorginstellingen, raadsleden"). */
export const ORGANISATION_KINDS = [
  'gemeente',
  'aanbieder',
  'socialeFirma',
  'ggz',
  'socialeDienst',
  'zorginstelling',
  'raadslid',
  'deelnemer',
  'anders',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_NAMES: Record<OrganisationKind, string> = {
  gemeente: 'Gemeente',
  aanbieder: 'Aanbieder',
  socialeFirma: 'Sociale firma',
  ggz: 'GGZ',
  socialeDienst: 'Sociale dienst',
  zorginstelling: 'Zorginstelling',
  raadslid: 'Raadslid',
  deelnemer: 'Deelnemer of ervaringsdeskundige',
  anders: 'Anders',
};

export const REGISTRATION_STATUSES = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_STATUS_NAMES: Record<RegistrationStatus, string> = {
  registered: 'aangemeld',
  waiting: 'op de wachtlijst',
  cancelled: 'afgemeld',
};

/**
 * DOMAIN.md: a story about a person can carry a consent flag. Without consent, it is never
 * shown outside the duo and its advisers.
 */
export interface ConsentFields {
  kind: string;
  aboutAPerson?: boolean | null;
  consentGiven?: boolean | null;
}

export function shareableOutsideDuo(evidence: ConsentFields): boolean {
  return !(evidence.kind === 'stories' && evidence.aboutAPerson === true && evidence.consentGiven !== true);
}

/** The same rule in SQL, for queries over the evidence table aliased `e`. */
export const SHAREABLE_OUTSIDE_DUO_SQL = "NOT (e.kind = 'stories' AND e.about_a_person IS TRUE AND e.consent_given IS NOT TRUE)";

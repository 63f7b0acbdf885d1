import { ERASED_NAME, ERASED_PHONE } from '../shared/erased-person.js';

/** What identifies a person in stored text. */
export interface Identifiers {
  names: string[];
  emails: string[];
}

/** A case-insensitive PostgreSQL regular expression (ARE) and what each match becomes. */
export interface Replacement {
  pattern: string;
  replacement: string;
}

/** The same replacements twice: for plain text, and for text inside JSON (where `"` and `\` are escaped). */
export interface ReplacementSet {
  text: Replacement[];
  json: Replacement[];
}

/**
 * In free text only a full name (two words or more, such as "Sanne de Wit") stands for the
 * person: a single word ("Sanne", "Ed") names as many others, whose text must stay as it is.
 * Such names are replaced only where a column names the person as a whole (the account, an
 * author column, a contact person's entry).
 */
function isFullName(name: string): boolean {
  return name.trim().split(/\s+/).length >= 2;
}

/**
 * Addresses first (an address often contains the name), then names, longest first, so that
 * "Sanne de Wit" goes before "Sanne". Names match as whole words only.
 *
 * A phone number is not searched for everywhere: several contact persons often give the same
 * switchboard number. It is replaced only beside the person's own address, in the contact person
 * entries of JSON documents (a duo's contact persons, the registration event, stored responses),
 * where "phone" directly follows "email" both in jsonb's key order and in the order the API writes.
 */
export function replacementsFor(person: Identifiers, pseudonymousEmail: string): ReplacementSet {
  const needles = [
    ...distinct(person.emails).map((email) => ({ literal: email, replacement: pseudonymousEmail, wholeWord: false })),
    ...distinct(person.names)
      .filter(isFullName)
      .sort((a, b) => b.length - a.length)
      .map((name) => ({ literal: name, replacement: ERASED_NAME, wholeWord: true })),
  ];
  const build = (escape: (literal: string) => string) =>
    needles.map(({ literal, replacement, wholeWord }) => ({ pattern: patternOf(escape(literal), wholeWord), replacement }));
  const phoneBesideAddress = {
    pattern: `("email": ?"${escapeRegex(pseudonymousEmail)}", ?"phone": ?")[^"]*"`,
    replacement: `\\1${ERASED_PHONE}"`,
  };
  return { text: build((literal) => literal), json: [...build((literal) => JSON.stringify(literal).slice(1, -1)), phoneBesideAddress] };
}

/** The patterns alone: what a column is searched for. */
export function patternsOf(replacements: Replacement[]): string[] {
  return replacements.map(({ pattern }) => pattern);
}

function distinct(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values.map((candidate) => candidate.trim()).filter(Boolean)) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}

function patternOf(literal: string, wholeWord: boolean): string {
  const escaped = escapeRegex(literal);
  return wholeWord ? `(?<![[:alnum:]_])${escaped}(?![[:alnum:]_])` : escaped;
}

function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

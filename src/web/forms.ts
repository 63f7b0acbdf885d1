import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainException, statusOf } from '../problems/error-code.js';
import { unstorableTextAt } from '../http/validation.js';
import type { ChangeHeaders } from '../shared/change.js';
import { actorOf, type Principal } from '../shared/roles.js';
import { IDEMPOTENCY_KEY } from '../http/change-headers.js';
import type { FormFields } from '../http/form-body.js';
import { SIDES } from '../shared/sides.js';
import { errorMessage } from './words.js';

/** The message next to each field that is not right, by the field's name in the form ("indicator.value"). */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Checks what a form sent with the API's own DTO and rules (class-validator, unknown fields
 * refused), and says in Dutch what is wrong with each field.
 */
export async function readForm<T extends object>(type: new () => T, plain: object): Promise<FormResult<T>> {
  const unstorable = unstorableTextAt(plain, '');
  if (unstorable !== undefined) return { ok: false, errors: { [unstorable]: 'Hierin staat een teken dat niet bewaard kan worden.' } };
  const value = plainToInstance(type, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (!errors.length) return { ok: true, value };
  return { ok: false, errors: Object.fromEntries(errors.flatMap((error) => flatten(error, ''))) };
}

function flatten(error: ValidationError, parent: string): [string, string][] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {})
    .sort(([a], [b]) => Number(RANGES.has(a)) - Number(RANGES.has(b)))
    .map(([constraint, message]): [string, string] => [field, dutch(constraint, message)]);
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}

/** Bounds on a value: said only when the value is there and of the right kind (an empty number is "Vul een getal in"). */
const RANGES = new Set(['min', 'max', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize']);

function dutch(constraint: string, english: string): string {
  switch (constraint) {
    case 'isNotEmpty':
    case 'isDefined':
    case 'isString':
      return 'Vul dit in.';
    case 'matches':
      if (english.includes('date')) return 'Vul een datum in.';
      if (english.includes('time')) return 'Vul een tijd in, als uu:mm.';
      return 'Vul dit in.';
    case 'isIso8601':
      return 'Deze datum bestaat niet.';
    case 'maxLength':
      return `Dit is te lang: hoogstens ${/(\d+)/.exec(english)?.[1] ?? 'het toegestane aantal'} tekens.`;
    case 'minLength':
      return `Dit is te kort: ten minste ${/(\d+)/.exec(english)?.[1] ?? 'het vereiste aantal'} tekens.`;
    case 'isEmail':
      return 'Vul een geldig e-mailadres in.';
    case 'isNumber':
    case 'isInt':
      return 'Vul een getal in.';
    case 'min':
      return `Dit getal is te klein: ten minste ${boundIn(english) ?? 'het toegestane getal'}.`;
    case 'max':
      return `Dit getal is te groot: hoogstens ${boundIn(english) ?? 'het toegestane getal'}.`;
    case 'isIn':
      return 'Kies een van de mogelijkheden.';
    case 'isBoolean':
      return 'Kies ja of nee.';
    case 'isUrl':
      return 'Vul adressen in die beginnen met http:// of https://, één per regel.';
    case 'arrayMinSize':
      return 'Vul er ten minste één in.';
    case 'arrayMaxSize':
      return 'Dit zijn er te veel.';
    case 'equals':
      return 'Vink dit aan om verder te gaan.';
    case 'endsOnOrAfterStart':
      return 'Het einde van de periode ligt vóór het begin.';
    case 'atMostSent':
      return 'Er kunnen niet meer enquêtes terugkomen dan er verstuurd zijn.';
    case 'endsAfterStart':
      return 'De eindtijd moet na de begintijd liggen.';
    case 'onOrBeforeDay':
      return 'Aanmelden sluit uiterlijk op de dag van de bijeenkomst.';
    default:
      return 'Dit klopt niet.';
  }
}

/** The number a bound's English message names ("capacity must be at least 5: ..."). */
function boundIn(english: string): string | undefined {
  return /(-?\d+(?:\.\d+)?)/.exec(english)?.[1];
}

/** The errors under the names the form uses, where the DTO names a field otherwise ("duos.2.provider.excuse.reason"). */
export function renameFields<T>(form: FormResult<T>, rename: (field: string) => string): FormResult<T> {
  if (form.ok) return form;
  return { ok: false, errors: Object.fromEntries(Object.entries(form.errors).map(([field, message]) => [rename(field), message])) };
}

/** A text field as the DTO takes it: left empty means not given. */
export function optionalText(fields: FormFields, name: string): string | undefined {
  const value = text(fields, name);
  return value.trim() === '' ? undefined : value;
}

export function text(fields: FormFields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
}

/** Lines of a textarea, without the empty ones (a list: links; with `commas`, also "a, b": collective services). */
export function lines(fields: FormFields, name: string, commas = false): string[] {
  return text(fields, name)
    .split(commas ? /\r?\n|,/ : /\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A number field: what the user typed, with a Dutch decimal comma read as a point; text stays text, so validation names it. */
export function numberField(fields: FormFields, name: string): number | string | undefined {
  const value = text(fields, name).trim().replace(',', '.');
  if (value === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** A yes/no choice: "ja", "nee", or nothing chosen. */
export function yesNo(fields: FormFields, name: string): boolean | undefined {
  const value = text(fields, name);
  return value === 'ja' ? true : value === 'nee' ? false : undefined;
}

/**
 * Each side's attendance as the attendance forms send it (`PREFIX` + "municipality.status", and
 * "...reason" when excused); the excuse is accepted by the signed-in adviser.
 */
export function sidesAttendance(fields: FormFields, prefix: string, principal: Principal) {
  return Object.fromEntries(
    SIDES.map((side) => {
      const status = text(fields, `${prefix}${side}.status`);
      const excuse = status === 'excused' ? { excuse: { reason: text(fields, `${prefix}${side}.reason`), excusedBy: principal.name } } : {};
      return [side, { status, ...excuse }];
    }),
  );
}

/** The form's own key against double submission (_key), when it is a valid Idempotency-Key. */
export function formKey(fields: FormFields): string | undefined {
  const key = text(fields, '_key');
  return IDEMPOTENCY_KEY.test(key) ? key : undefined;
}

/** The headers of a change made with a form: who, the form's own key against double submission, and the version it showed. */
export function formChange(principal: Principal, fields: FormFields): ChangeHeaders {
  const version = Number(text(fields, '_version'));
  return {
    actor: actorOf(principal),
    idempotencyKey: formKey(fields),
    expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined,
  };
}

/** The status a page answers with when the service refused its form: the API's own (409, 422, 404...). */
export function refusalStatus(error: unknown): number {
  return error instanceof DomainException ? statusOf(error.code) : 500;
}

/** A refusal of the service, as the page shows it; anything else is not ours to explain here. */
export function refusal(error: unknown): string {
  if (error instanceof DomainException && error.code !== 'INTERNAL_ERROR') return errorMessage(error);
  throw error;
}

/**
 * A refusal that names the fields it is about (a date that cannot be, a capacity below the places
 * taken), as the message beside each. A rule a service checks beyond the form's own (what the
 * edition's programme asks, say) comes as VALIDATION_FAILED with English messages: beside its
 * fields in Dutch words of their own (serviceRuleInDutch).
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof DomainException)) return {};
  if (error.code === 'VALIDATION_FAILED') return Object.fromEntries(error.errors.map(({ field, message }) => [field, serviceRuleInDutch(field, message)]));
  return Object.fromEntries(error.errors.map(({ field }) => [field, errorMessage(error)]));
}

/** The Dutch for a rule a service checked, by the field it names (the English message has the bounds). */
function serviceRuleInDutch(field: string, english: string): string {
  switch (field) {
    case 'provider':
      return 'Vul dit in: dit programma is voor een gemeente met haar uitvoerder, samen.';
    case 'acceptsAttendanceObligation':
      return dutch('equals', english);
    case 'location':
      return /leave it out/.test(english) ? 'Laat dit leeg: bij deze bijeenkomst wordt geen plek vastgelegd.' : 'Vul in waar het was.';
    case 'capacity':
      return dutch(/at least/.test(english) ? 'min' : 'max', english);
    default:
      return 'Dit klopt niet; kijk het na.';
  }
}

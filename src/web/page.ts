import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../shared/roles.js';
import { PUBLIC_FORM } from '../http/change-headers.js';
import { TIME_ZONE } from '../shared/dates.js';
import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import { KIND_NAMES, PERSPECTIVE_NAMES } from '../reports/report-tables.js';
import { STATUS_NAMES } from '../reports/timeline.js';
import type { FieldErrors } from './forms.js';
import { capitalised } from '../shared/capitalised.js';
import { unitName } from '../shared/unit-name.js';
import { EVENT_NAMES, plural, ROLE_NAMES, SESSION_WARNING_NAMES, SIDE_NAMES, STATE_LABELS, STATE_NAMES } from './words.js';
import { sourceFolder } from '../shared/source-folder.js';

/**
 * The web pages: Eta templates in ./views, which escape every value unless told otherwise,
 * rendered on the server; every task works without JavaScript.
 */

const VIEWS = sourceFolder(import.meta.url, './views');
const eta = new Eta({ views: VIEWS, cache: true, autoEscape: true });

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2019-05-14" as "dinsdag 14 mei 2019"; a timestamp as the same day in Amsterdam. */
export function dutchDate(value: string | Date): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return dateFormat.format(date);
}

/** A timestamp as "dinsdag 14 mei 2019 om 13:30" (Amsterdam; the "om" is ICU's). */
export function dutchDateTime(value: string | Date): string {
  return dateTimeFormat.format(new Date(value));
}

/** Who made a change, as the history names them: the public form by its Dutch name. */
function actorName(actor: string): string {
  return actor === PUBLIC_FORM.name ? 'het aanmeldformulier' : actor;
}

/** Where a duo's page lives for this person: participants have theirs at /mijn-traject. */
export function duoHome(principal: Principal, duoId: string): string {
  return principal.role === 'participant' ? '/mijn-traject' : `/trajecten/${duoId}`;
}

/** The id of a form's field, as its label points to it: "verbeteracties-actions-0-description". */
export function fieldId(owner: string | undefined, name: string): string {
  return (owner ? `${owner}-` : '') + name.replace(/[^\w-]/g, '-');
}

/** A field as the page's body rendered it, for the error summary at the top. */
export interface RenderedField {
  /** The form it belongs to (`PageData.form`); none where the page has one form. */
  owner?: string;
  /** Its name in the form, as the errors name it ("indicator.value"). */
  name: string;
  id: string;
  /** What the summary calls it: its label, or more where the label alone is ambiguous. */
  label: string;
}

/**
 * What the forms of a page rendered, collected while its body renders: the layout, which puts the
 * messages at the top, renders after the body. So the error summary links only to fields that are
 * on the page, in the order they are there, named as their labels name them.
 */
export class RenderedForms {
  readonly fields: RenderedField[] = [];
  private readonly anchors = new Set<string>();

  field(field: RenderedField): void {
    this.fields.push(field);
  }

  /** The id of the form's element for the summary to link to; undefined when a form of that name already has it. */
  form(owner: string | undefined): string | undefined {
    const id = formAnchor(owner);
    if (this.anchors.has(id)) return undefined;
    this.anchors.add(id);
    return id;
  }

  /** The id of the form's element, if the page rendered it. */
  anchorOf(owner: string | undefined): string | undefined {
    const id = formAnchor(owner);
    return this.anchors.has(id) ? id : undefined;
  }

  /** The form's rendered fields that have an error, in page order. */
  withErrors(owner: string | undefined, errors: FieldErrors): (RenderedField & { message: string })[] {
    return this.fields.filter((field) => field.owner === owner && Object.hasOwn(errors, field.name)).map((field) => ({ ...field, message: errors[field.name] }));
  }
}

function formAnchor(owner: string | undefined): string {
  return owner ? `formulier-${owner}` : 'formulier';
}

const helpers = {
  actorName,
  capitalised,
  duoHome,
  unitName,
  dutchDate,
  dutchDateTime,
  fieldId,
  plural,
  STATE_NAMES,
  SESSION_WARNING_NAMES,
  STATE_LABELS,
  EVENT_NAMES,
  SIDE_NAMES,
  ROLE_NAMES,
  KIND_NAMES,
  PERSPECTIVE_NAMES,
  STATUS_NAMES,
  STEPS: COMPASS_STEP_DEFINITIONS,
};

/** What every page knows: who looks at it (and the token its forms carry), and the form being filled in. */
export interface PageData {
  title: string;
  principal?: Principal | null;
  /** What the user typed, shown again when a form comes back with errors. */
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  /** One message above the form: what the service refused, in Dutch. */
  problem?: string;
  /** Which form on the page `values`, `errors` and `problem` belong to. */
  form?: string;
  /** A message after a change went through ("Opgeslagen."). */
  notice?: string;
  [key: string]: unknown;
}

export class Page {
  constructor(
    readonly html: string,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}

export class Redirect {
  constructor(
    readonly location: string,
    /** Set-Cookie headers to send with it (signing in and out). */
    readonly cookies: readonly string[] = [],
  ) {}
}

export type PageResult = Page | Redirect;

export function page(view: string, data: PageData, status = 200, headers: Record<string, string> = {}): Page {
  return new Page(eta.render(`./${view}`, { ...helpers, values: {}, errors: {}, newKey: randomUUID, rendered: new RenderedForms(), ...data }), status, headers);
}

/** The element that holds the message after a change (layout, partials/messages.eta). */
const NOTICE_ANCHOR = 'melding';

/**
 * After a change: the browser asks for the page again (post/redirect/get), so a reload does not
 * repeat it. Where the address names the message to show (?opgeslagen=..., ?melding=...), it
 * ends in #melding: the browser scrolls to the message and moves focus there.
 */
export function redirect(location: string, ...cookies: string[]): Redirect {
  return new Redirect(namesNotice(location) ? `${location}#${NOTICE_ANCHOR}` : location, cookies);
}

function namesNotice(location: string): boolean {
  const query = /^[^?#]*\?([^#]*)$/.exec(location)?.[1];
  return query !== undefined && ['opgeslagen', 'melding'].some((key) => new URLSearchParams(query).has(key));
}

/** The message a page shows after a change, named in its address (?opgeslagen=...); only the page's own messages. */
export function noticeFrom(notices: Record<string, string>, key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key] : undefined;
}

/** Only paths of this app: a sign-in page never sends anyone elsewhere. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}

/** What every page and redirect sends: no inline scripts or styles, no framing, nothing cached. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * The status each page or redirect answers with, kept until Fastify sends it: Nest gives every
 * answer its route's status (201 after a POST) after the route's interceptor has run.
 */
const pageStatuses = new WeakMap<FastifyReply, number>();

/**
 * A page or a redirect on the reply: its status and the page headers; returns the body to send,
 * the whole page as one string (sent in one piece, with its length), nothing for a redirect. A
 * redirect is a 303, so that the browser follows with GET.
 */
export function answerWith(reply: FastifyReply, result: PageResult): string {
  if (result instanceof Redirect) {
    void reply.code(303).headers({ ...PAGE_HEADERS, location: result.location });
    if (result.cookies.length) void reply.header('set-cookie', [...result.cookies]);
    pageStatuses.set(reply, 303);
    return '';
  }
  void reply.code(result.status).headers({ ...PAGE_HEADERS, ...result.headers, 'content-type': 'text/html; charset=utf-8' });
  pageStatuses.set(reply, result.status);
  return result.html;
}

/** An onSend hook: a page's own status, over the one Nest gave its route. */
export function keepPageStatus(_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  const status = pageStatuses.get(reply);
  if (status !== undefined) void reply.code(status);
  done(null, payload);
}

/** Sends a page or a redirect where no route's interceptor does: from the exception filter. */
export function respond(reply: FastifyReply, result: PageResult): FastifyReply {
  return reply.send(answerWith(reply, result));
}

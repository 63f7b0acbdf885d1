import { ChangePreview } from '../idempotency/change-preview.js';
import type { FormFields } from '../http/form-body.js';
import { noConsequences, type ChangeHeaders, type Consequences } from '../shared/change.js';
import { SIDES, type Side } from '../shared/sides.js';
import { SIDE_NAMES, STATE_NAMES } from './words.js';
import { text } from './forms.js';
import { unitName } from '../shared/unit-name.js';

/**
 * Consequences before they happen: a form whose change would drop a duo out, end a trajectory or
 * freeze a cycle first comes back with what the service's preview says it would do, and a button
 * that posts the same fields again with `_bevestigd=ja`. Only that post saves.
 */

/** The box at the top of a page that asks to confirm (partials/confirmation.eta). */
export interface Confirmation {
  heading: string;
  /** What the change will do, one sentence each. */
  consequences: string[];
  /** Where the confirmed form posts: the form's own address. */
  action: string;
  /** The form's fields, posted again as they were sent. */
  fields: [string, string][];
  /** The form the "Terug" link goes back to (its `owner`), to change it. */
  owner?: string;
}

/** Whether the person confirmed what the preview showed. */
export function confirmed(fields: FormFields): boolean {
  return text(fields, '_bevestigd') === 'ja';
}

/** What the change would do, as the service previews it; a refusal throws as the change itself would. */
export async function previewOf(headers: ChangeHeaders, change: (headers: ChangeHeaders) => Promise<unknown>): Promise<Consequences> {
  try {
    await change({ ...headers, preview: true });
  } catch (outcome) {
    if (outcome instanceof ChangePreview) return outcome.consequences;
    throw outcome;
  }
  throw new Error('The change was made instead of previewed: its service does not pass ChangeHeaders.preview on.');
}

/**
 * Runs a form's change: unconfirmed, only its preview, and where that has something to say
 * (`say` gives the sentences), the confirmation to show instead; otherwise the change itself,
 * with what it did.
 */
export async function changeAfterConfirmation(
  fields: FormFields,
  headers: ChangeHeaders,
  change: (headers: ChangeHeaders) => Promise<unknown>,
  say: (consequences: Consequences) => string[],
): Promise<{ asks: string[] } | { did: Consequences }> {
  if (!confirmed(fields)) {
    const asks = say(await previewOf(headers, change));
    if (asks.length) return { asks };
  }
  let did = noConsequences();
  await change({ ...headers, onSaved: (consequences) => (did = consequences) });
  return { did };
}

/** The confirmation of a form, with what was sent. */
export function confirmation(heading: string, consequences: string[], action: string, fields: FormFields, owner?: string): Confirmation {
  const sent = Object.entries(fields).flatMap(([name, value]): [string, string][] => {
    if (name === '_csrf' || name === '_bevestigd') return [];
    if (typeof value === 'string') return [[name, value]];
    return Array.isArray(value) ? value.map((one): [string, string] => [name, one]) : [];
  });
  return { heading, consequences, action, fields: sent, owner };
}

/** "Gemeente X · Stichting Y". */
function label(duo: { municipality: string; provider: string }): string {
  return unitName(duo);
}

/**
 * What a change will do, in Dutch, one sentence each; `why` says why a duo drops out (the form
 * knows which side was absent). Ordinary progress (a workshop attended) says nothing: no need to ask.
 */
export function consequenceWords(consequences: Consequences, why: (duoId: string) => string | undefined = () => undefined): string[] {
  const duos = consequences.duos.flatMap((duo) => {
    const reason = why(duo.duoId);
    if (duo.dropsOut) return [`${label(duo)} valt uit${reason ? `: ${reason}` : ''}. Een correctie van de aanwezigheid kan dat later ongedaan maken.`];
    if (duo.returns) return [`${label(duo)} valt niet meer uit: het traject gaat verder (${STATE_NAMES[duo.to] ?? duo.to}).`];
    if (duo.movesUp) return [`${label(duo)} schuift op van de wachtlijst en krijgt de vrijgekomen plaats.`];
    if (duo.to === 'completed') return [`Het traject van ${label(duo)} wordt afgerond; daarna worden er geen bijeenkomsten meer vastgelegd.`];
    if (duo.to === 'withdrawn') {
      return [`${label(duo)} wordt afgemeld${duo.givesPlaceBack ? ' en geeft zijn plaats in de editie terug' : ''}; daarna kan er in het traject niets meer bij.`];
    }
    return [];
  });
  const cycles = consequences.cycles.map(
    ({ cycle, nextCycle }) => `Cyclus ${cycle} wordt afgesloten en bevroren, met de rapportage van het duo. Cyclus ${nextCycle} begint daarna bij stap 1.`,
  );
  return [...duos, ...cycles];
}

/** Why a duo would drop out, from the sides its form marks absent: "de uitvoerder was afwezig zonder reden". */
export function absentSides(status: (side: Side) => string): string | undefined {
  const absent = SIDES.filter((side) => status(side) === 'absent').map((side) => `de ${SIDE_NAMES[side]}`);
  if (!absent.length) return undefined;
  return `${absent.join(' en ')} ${absent.length > 1 ? 'waren' : 'was'} afwezig zonder reden`;
}

/** What a saved change did, as the address after it names it (`&uitgevallen=...`): the duos by id, for the page to name. */
export function consequencesQuery(consequences: Consequences): string {
  const ids = (pick: (duo: Consequences['duos'][number]) => boolean) => consequences.duos.filter(pick).map((duo) => duo.duoId);
  return Object.entries({ uitgevallen: ids((duo) => duo.dropsOut), terug: ids((duo) => duo.returns), opgeschoven: ids((duo) => duo.movesUp) })
    .filter(([, list]) => list.length)
    .map(([name, list]) => `&${name}=${list.join(',')}`)
    .join('');
}

/** The duos a saved change moved, read back from the address; only ids, which the page checks against its own duos. */
export interface SavedConsequences {
  droppedOut: string[];
  returned: string[];
  movedUp: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function savedConsequences(query: { uitgevallen?: unknown; terug?: unknown; opgeschoven?: unknown }): SavedConsequences {
  const ids = (value: unknown) => (typeof value === 'string' ? value.split(',').filter((id) => UUID.test(id)) : []);
  return { droppedOut: ids(query.uitgevallen), returned: ids(query.terug), movedUp: ids(query.opgeschoven) };
}

/** What the notice after a change adds: the duos it moved, named, where the page knows them. */
export function savedWords(saved: SavedConsequences, duos: { id: string; municipality: string; provider: string }[]): string[] {
  const named = (ids: string[]) => duos.filter((duo) => ids.includes(duo.id)).map(label);
  return [
    ...named(saved.droppedOut).map((duo) => `${duo} is uitgevallen.`),
    ...named(saved.returned).map((duo) => `${duo} valt niet meer uit.`),
    ...named(saved.movedUp).map((duo) => `${duo} is van de wachtlijst opgeschoven en toegelaten.`),
  ];
}

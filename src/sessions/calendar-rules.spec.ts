import { WERKATELIERS_V1 } from '../programmes/werkateliers/werkateliers.definition.js';
import { sessionByKey, type SessionDefinition } from '../programmes/programme.js';
import { DomainException } from '../problems/error-code.js';
import { ensureHeldOnPossible, ensurePlannedAhead, ensurePlannedInOrder, ensureSessionStarted, nextDay, sessionWarnings, type PlannedStart } from './calendar-rules.js';

const session = (key: string) => sessionByKey(WERKATELIERS_V1, key) as SessionDefinition;
const planned = (kind: string, day: string, time = '13:30'): PlannedStart => ({ kind, day, startsAt: new Date(`${day}T${time}:00+02:00`) });

/** The refusal a rule throws, as code and params; undefined when it lets the date be. */
function refusalOf(check: () => void): { code: string; params: unknown } | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainException)) throw error;
    return { code: error.code, params: error.params };
  }
}

describe('a session planned with one unit', () => {
  const intake = session('intake');

  it('is today or later', () => {
    expect(refusalOf(() => ensurePlannedAhead(intake, '2027-06-10', '2027-06-10', false))).toBeUndefined();
    expect(refusalOf(() => ensurePlannedAhead(intake, '2027-06-09', '2027-06-10', false))).toEqual({
      code: 'DATE_NOT_POSSIBLE',
      params: { field: 'date', given: '2027-06-09', earliest: '2027-06-10' },
    });
  });

  it('may be in the past in an edition entered afterwards', () => {
    expect(refusalOf(() => ensurePlannedAhead(intake, '2025-01-09', '2027-06-10', true))).toBeUndefined();
  });
});

describe('a session logged as held', () => {
  const advisory = session('advisoryMeeting');
  const held = (heldOn: string, recorded: { session: string; day: string }[] = []) =>
    refusalOf(() => ensureHeldOnPossible(WERKATELIERS_V1, advisory, heldOn, '2027-06-10', '2027-03-01', recorded));

  it('is not still to come', () => {
    expect(held('2027-06-11', [{ session: 'workshop1', day: '2027-05-14' }])).toEqual({ code: 'DATE_NOT_POSSIBLE', params: { field: 'heldOn', given: '2027-06-11', latest: '2027-06-10' } });
  });

  it('is not before the duo registered, nor before the edition session it follows', () => {
    expect(held('2027-02-28')).toMatchObject({ params: { earliest: '2027-03-01', after: 'de aanmelding' } });
    expect(held('2027-05-13', [{ session: 'workshop1', day: '2027-05-14' }])).toMatchObject({ params: { earliest: '2027-05-14', after: 'werkatelier 1' } });
    // Workshop 2 comes after the advisory meeting in the programme, so it bounds nothing.
    expect(held('2027-05-20', [{ session: 'workshop1', day: '2027-05-14' }, { session: 'workshop2', day: '2027-06-01' }])).toBeUndefined();
    expect(held('2027-05-14', [{ session: 'workshop1', day: '2027-05-14' }])).toBeUndefined();
  });
});

describe('attendance at an edition session', () => {
  it('is recorded from its planned start on, or any time when it was not planned', () => {
    const workshop1 = session('workshop1');
    const start = planned('workshop1', '2027-05-14');
    expect(refusalOf(() => ensureSessionStarted(workshop1, start, new Date('2027-05-14T11:29:00Z')))).toMatchObject({ code: 'SESSION_NOT_STARTED', params: { session: 'werkatelier 1' } });
    expect(refusalOf(() => ensureSessionStarted(workshop1, start, new Date('2027-05-14T11:30:00Z')))).toBeUndefined();
    expect(refusalOf(() => ensureSessionStarted(workshop1, undefined, new Date('2020-01-01')))).toBeUndefined();
  });
});

describe('planning an edition session', () => {
  const plan = (key: string, sessions: PlannedStart[], deadline = '2027-03-31') => refusalOf(() => ensurePlannedInOrder(WERKATELIERS_V1, session(key), sessions, deadline));

  it('comes after the registration deadline', () => {
    expect(plan('workshop1', [planned('workshop1', '2027-03-31')])).toMatchObject({ params: { field: 'date', earliest: '2027-04-01' } });
    expect(plan('workshop1', [planned('workshop1', '2027-04-01')])).toBeUndefined();
  });

  it('keeps the programme’s order: workshop 2 after workshop 1, and workshop 1 before workshop 2', () => {
    expect(plan('workshop2', [planned('workshop1', '2027-05-14'), planned('workshop2', '2027-05-14', '10:00')])).toMatchObject({ params: { after: 'werkatelier 1' } });
    expect(plan('workshop1', [planned('workshop1', '2027-07-01'), planned('workshop2', '2027-06-25')])).toMatchObject({ params: { before: 'werkatelier 2', latest: '2027-06-25' } });
    expect(plan('workshop3', [planned('workshop1', '2027-05-14'), planned('workshop2', '2027-06-25'), planned('workshop3', '2027-10-08')])).toBeUndefined();
  });
});

describe('warnings about when a session is', () => {
  it.each([
    ['a Saturday', '2027-05-15', '13:30', '16:30', ['weekend']],
    ['a Sunday evening until 22:30', '2027-05-16', '19:30', '22:30', ['weekend', 'lateOrEarly']],
    ['a Friday from 06:30', '2027-05-14', '06:30', '09:30', ['lateOrEarly']],
    ['a Friday afternoon', '2027-05-14', '13:30', '16:30', []],
  ])('%s', (_name, day, start, end, warnings) => {
    expect(sessionWarnings(day, start, end)).toEqual(warnings);
  });

  it('knows the day after the last of a month', () => {
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
  });
});

import type { Api } from './api.js';
import { daysFromToday } from './fixtures.js';

/** The contact person of the fictional gemeente Lindewaard (DOMAIN.md: never the names of the seeds). */
export const LINDEWAARD_CONTACT = { name: 'Fleur van Dam', email: 'f.vandam@lindewaard.example', phone: '0570-123456' };

/**
 * A new edition of the advisory trajectory "Op zoek naar vernieuwende vormen van dagbesteding" for
 * gemeente Lindewaard, made by `adviser`, with the municipality registered (no provider) and,
 * unless told otherwise, admitted: its trajectory then starts in the exploration.
 */
export async function lindewaardTrajectory(adviser: Api, { admitted = true } = {}): Promise<{ cohortId: string; municipalityId: string }> {
  const cohort = await adviser.post('/api/cohorts', { programme: 'dagbesteding', name: 'Dagbesteding Lindewaard', registrationDeadline: daysFromToday(30), capacity: 1 }).expect(201);
  const registered = await adviser
    .post(`/api/cohorts/${cohort.body.id}/duos`, {
      municipality: 'Gemeente Lindewaard',
      contactPersons: [{ side: 'municipality', ...LINDEWAARD_CONTACT }],
      collectiveServices: ['dagactiviteiten'],
    })
    .expect(201);
  if (admitted) await adviser.post(`/api/duos/${registered.body.id}/admission`).expect(201);
  return { cohortId: cohort.body.id, municipalityId: registered.body.id };
}

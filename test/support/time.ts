import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';

/**
 * Lets `days` days pass for one edition, as the calendar rules see it (issue 15): its
 * registration deadline, its duos' registration, its planned sessions and the times its lists
 * were taken move that far into the past. Dates written in events (a held session's day) stay as
 * they were given. The tests run an edition from registration to its last workshop in one
 * sitting; this is how its workshops come to have started.
 */
export async function letDaysPass(app: NestFastifyApplication, cohortId: string, days: number): Promise<void> {
  await app.get(DataSource).transaction(async (em) => {
    await em.query('UPDATE cohorts SET registration_deadline = registration_deadline - $2::int WHERE id = $1', [cohortId, days]);
    await em.query('UPDATE duos SET registered_at = registered_at - make_interval(days => $2) WHERE cohort_id = $1', [cohortId, days]);
    await em.query(
      'UPDATE planned_sessions SET starts_at = starts_at - make_interval(days => $2), ends_at = ends_at - make_interval(days => $2) WHERE cohort_id = $1',
      [cohortId, days],
    );
    await em.query(
      `UPDATE session_attendance SET recorded_at = recorded_at - make_interval(days => $2), first_recorded_at = first_recorded_at - make_interval(days => $2)
       WHERE duo_id IN (SELECT id FROM duos WHERE cohort_id = $1)`,
      [cohortId, days],
    );
  });
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Cohort } from '../cohorts/cohort.entity.js';
import { programmeOfUnit } from '../cohorts/cohort-programme.js';
import { expectedSessions, expectsSession, sessionByKey, sessionsAhead, type ProgrammeDefinition } from '../programmes/programme.js';
import { PlannedSessionView } from '../sessions/planned-session.view.js';
import { DomainException } from '../problems/error-code.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { dayInAmsterdam } from '../shared/dates.js';
import { restoreTrajectory, takesPart, type TrajectorySnapshot } from '../trajectory/trajectory.js';
import { DuoRepository, type AttendanceRecord } from './duo.repository.js';
import type { ContactPerson, Duo } from './duo.entity.js';
import { DuoSummaryView, DuoView, NextStepView, nextStepOf } from './duo.view.js';

/** Which duos of a cohort a list shows: every filter narrows, and all of them together. */
export interface DuoFilter {
  /** Part of the municipality or the provider, in any case. */
  q?: string;
  state?: string;
  /** true: holding a place and no mandatory session missed; false: a mandatory session missed. */
  meetsObligation?: boolean;
  /** true: taking part, with steps of the open compass cycle lacking evidence; false: taking part, lacking none. */
  missingEvidence?: boolean;
}

/** Of these duos, the ids of those whose open Kwaliteitskompas cycle has steps without evidence. */
export type EvidenceGaps = (duoIds: string[]) => Promise<Set<string>>;

/** Where a duo stands, as an adviser's overview counts it (DuosService.outlookInCohorts). */
export interface DuoOutlook {
  duo: DuoSummaryView;
  /** Admitted and neither dropped out nor withdrawn. */
  takesPart: boolean;
  /** Whether its programme keeps the Kwaliteitskompas. */
  compass: boolean;
  /** The keys of the sessions its trajectory now expects, in the programme's order. */
  expects: string[];
}

/**
 * What other modules and pages read about duos. Nothing here changes a duo: changes go through
 * the registration, places and steps services, and are written by the trajectory writer.
 */
@Injectable()
export class DuosService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DuoRepository,
    private readonly cohorts: CohortsService,
    private readonly sessions: SessionsService,
  ) {}

  /** A session whose list was taken stays on or before that moment: its attendance cannot have been taken before it started. */
  onModuleInit(): void {
    this.sessions.whenPlanningEditionSession(async (em, cohortId, kind, planned) => {
      const taken = await this.repository.firstRecordedAt(em, cohortId, kind);
      if (!taken || planned.startsAt <= taken) return;
      const latest = dayInAmsterdam(taken);
      const message = `its attendance was taken on ${latest}, so it started by then; plan it on ${latest} or earlier`;
      throw new DomainException('DATE_NOT_POSSIBLE', `date: ${message}.`, {
        params: { field: 'date', given: planned.day, latest, before: 'de presentielijst' },
        errors: [{ field: 'date', message }],
      });
    });
  }

  get(id: string): Promise<DuoView> {
    return this.view(this.dataSource.manager, id);
  }

  /** `get`, with the definition and trajectory the next step was read from (see viewWithSources). */
  getWithSources(id: string): ReturnType<DuosService['viewWithSources']> {
    return this.viewWithSources(this.dataSource.manager, id);
  }

  /** The duo with its next step and log, as this transaction sees it. */
  async view(em: EntityManager, id: string): Promise<DuoView> {
    return (await this.viewWithSources(em, id)).view;
  }

  /**
   * The duo with its next step and log, and the definition and trajectory its next step was read
   * from: for a page that shows more of the duo (its compass, its sessions) without reading it again.
   */
  async viewWithSources(em: EntityManager, id: string): Promise<{ view: DuoView; programme: ProgrammeDefinition; trajectory: TrajectorySnapshot }> {
    const duo = await this.repository.find(em, id);
    const history = await this.repository.history(em, id);
    const programme = await this.programmeOf(em, duo);
    const trajectory = restoreTrajectory(programme, duo.trajectorySnapshot);
    return { view: DuoView.withHistory(duo, history, await this.nextStepWithSession(em, duo, programme, trajectory)), programme, trajectory };
  }

  /** The next step, with the definition and the trajectory it was read from: for a caller that shows more of the duo without reading it again. */
  async nextStepOfUnit(id: string): Promise<{ step: NextStepView; programme: ProgrammeDefinition; trajectory: TrajectorySnapshot }> {
    const em = this.dataSource.manager;
    const duo = await this.repository.trajectoryRow(em, id, false);
    const programme = programmeOfUnit(duo, duo);
    const trajectory = restoreTrajectory(programme, duo.trajectorySnapshot);
    return { step: await this.nextStepWithSession(em, duo, programme, trajectory), programme, trajectory };
  }

  /** Tells, of the duos with these ids, which have steps without evidence in their open Kwaliteitskompas cycle (registered by the cycles module, which keeps it). */
  private lackingEvidence: EvidenceGaps = async () => new Set();

  whenAskedForEvidenceGaps(gaps: EvidenceGaps): void {
    this.lackingEvidence = gaps;
  }

  /** The cohort's duos by registration, narrowed by every filter given (see ListDuosQueryDto). */
  async listInCohort(given: Cohort | string, filter: DuoFilter = {}): Promise<DuoSummaryView[]> {
    const em = this.dataSource.manager;
    const cohort = await this.cohorts.given(em, given);
    const cohortId = cohort.id;
    let duos = await this.repository.inCohort(em, cohortId);
    const q = filter.q?.trim().toLocaleLowerCase('nl');
    if (q) duos = duos.filter((duo) => `${duo.municipality}\n${duo.provider}`.toLocaleLowerCase('nl').includes(q));
    if (filter.state) duos = duos.filter((duo) => duo.state === filter.state);
    if (filter.meetsObligation !== undefined) {
      const missed = new Set((await this.repository.attendanceRecords(em, { cohortId })).filter((record) => !record.met).map((record) => record.duoId));
      duos = duos.filter((duo) => (filter.meetsObligation ? duo.holdsPlace && !missed.has(duo.id) : missed.has(duo.id)));
    }
    if (filter.missingEvidence !== undefined) {
      const keeping = duos.filter((duo) => {
        const programme = programmeOfUnit(cohort, duo);
        return programme.compass && takesPart(restoreTrajectory(programme, duo.trajectorySnapshot));
      });
      const lacking = await this.lackingEvidence(keeping.map((duo) => duo.id));
      duos = keeping.filter((duo) => lacking.has(duo.id) === filter.missingEvidence);
    }
    return duos.map(DuoSummaryView.of);
  }

  /** The duos of a cohort whose trajectory now expects the session (by its key), by registration. */
  async expecting(given: Cohort | string, session: string): Promise<DuoSummaryView[]> {
    const cohort = await this.cohorts.given(this.dataSource.manager, given);
    const duos = await this.repository.inCohort(this.dataSource.manager, cohort.id);
    return duos.filter((duo) => expects(programmeOfUnit(cohort, duo), duo, session)).map(DuoSummaryView.of);
  }

  /**
   * Where each duo of these cohorts stands, for an adviser's overview: whether it takes part, whether
   * its programme keeps the Kwaliteitskompas, and the sessions its trajectory now expects. Two
   * queries, whatever the number of duos.
   */
  async outlookInCohorts(cohortIds: readonly string[]): Promise<DuoOutlook[]> {
    const em = this.dataSource.manager;
    const cohorts = new Map((await this.cohorts.findMany(em, cohortIds)).map((cohort) => [cohort.id, cohort]));
    const duos = await this.repository.inCohorts(em, cohortIds);
    return duos.map((duo) => {
      const programme = programmeOfUnit(cohorts.get(duo.cohortId)!, duo);
      const snapshot = restoreTrajectory(programme, duo.trajectorySnapshot);
      return {
        duo: DuoSummaryView.of(duo),
        takesPart: takesPart(snapshot),
        compass: programme.compass,
        expects: expectedSessions(programme, snapshot).map(({ key }) => key),
      };
    });
  }

  /** The duo's last record of each session it was on a list for (none for a duo that does not exist). */
  attendanceOfDuo(duoId: string): Promise<AttendanceRecord[]> {
    return this.repository.attendanceRecords(this.dataSource.manager, { duoId });
  }

  /** The duos that hold a place in the cohort, by name, with what each recorded attendance says. Pass `em` to read inside a transaction. */
  async attendanceInCohort(
    cohortId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ duos: Duo[]; records: AttendanceRecord[] }> {
    return { duos: await this.repository.holdingPlace(em, cohortId), records: await this.repository.attendanceRecords(em, { cohortId }) };
  }

  /**
   * The duo's trajectory, for other modules (404 when there is no such duo). With `forShare`, for a change elsewhere that
   * depends on where the duo stands (its evidence and cycles): the duo row is share-locked, so
   * its trajectory cannot move until that change commits.
   */
  async trajectoryOf(em: EntityManager, id: string, forShare = false): Promise<TrajectorySnapshot> {
    return (await this.trajectoryWithProgramme(em, id, forShare)).snapshot;
  }

  /** The duo's trajectory with the definition it runs, which names its states and events. */
  async trajectoryWithProgramme(em: EntityManager, id: string, forShare = false): Promise<{ programme: ProgrammeDefinition; snapshot: TrajectorySnapshot }> {
    const duo = await this.repository.trajectoryRow(em, id, forShare);
    const programme = programmeOfUnit({ programmeKey: duo.programmeKey }, duo);
    return { programme, snapshot: restoreTrajectory(programme, duo.trajectorySnapshot) };
  }

  /** The definition the duo with this id runs (404 when there is none), for pages that show its sessions. */
  async programme(id: string): Promise<ProgrammeDefinition> {
    const em = this.dataSource.manager;
    return this.programmeOf(em, await this.repository.find(em, id));
  }

  /** The definition the duo runs: its cohort's programme at the duo's version. */
  async programmeOf(em: EntityManager, duo: Pick<Duo, 'cohortId' | 'trajectoryVersion'>): Promise<ProgrammeDefinition> {
    return programmeOfUnit(await this.cohorts.find(em, duo.cohortId), duo);
  }

  /** The duo's contact persons, from its row alone (404 when there is no such duo). */
  async contactPersons(id: string): Promise<ContactPerson[]> {
    return (await this.repository.find(this.dataSource.manager, id)).contactPersons;
  }

  /** One of the duo's contact persons, found by e-mail address (any case). */
  async contactPerson(em: EntityManager, duoId: string, email: string): Promise<ContactPerson | undefined> {
    const duo = await this.repository.find(em, duoId);
    return duo.contactPersons.find((person) => person.email.toLowerCase() === email.trim().toLowerCase());
  }

  /**
   * The cohort a duo is in, or null when there is no such duo. Inside a transaction pass its
   * manager: a second connection per transaction would exhaust the pool under load.
   */
  cohortIdOf(id: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    return this.repository.cohortIdOf(em, id);
  }

  /**
   * What the calendar rules of a held session compare with: the day the duo registered (none in
   * an edition entered after it ran, whose duos are entered later than they started), and the
   * edition sessions on record for the duo with the day each happened: its planned day, or else
   * the day its attendance was recorded.
   */
  async calendarOf(em: EntityManager, duo: Duo): Promise<{ registered: string | undefined; recorded: { session: string; day: string }[] }> {
    // One after the other: they share the transaction's connection.
    const cohort = await this.cohorts.find(em, duo.cohortId);
    const recorded = await this.repository.recordedDays(em, duo.id);
    const planned = await this.sessions.editionSessions(em, duo.cohortId);
    return {
      registered: cohort.enteredAfterwards ? undefined : dayInAmsterdam(duo.registeredAt),
      recorded: recorded.map(({ session, day }) => ({ session, day: planned.find((row) => row.kind === session)?.local_date ?? day })),
    };
  }

  /**
   * The next step with the planned session of the step it names, so that what, when and where say
   * the same session as the headline; the other steps the duo can take now keep theirs apart.
   * Sessions of steps the duo no longer expects (held, past their cap, after the trajectory ended)
   * and sessions that have ended are not among them.
   */
  private async nextStepWithSession(
    em: EntityManager,
    duo: Pick<Duo, 'id' | 'cohortId' | 'trajectoryVersion' | 'trajectorySnapshot'>,
    known?: ProgrammeDefinition,
    restored?: TrajectorySnapshot,
  ): Promise<NextStepView> {
    const programme = known ?? (await this.programmeOf(em, duo));
    // The trajectory restored once, and what it expects asked once: each is a walk of the machine.
    const trajectory = restored ?? restoreTrajectory(programme, duo.trajectorySnapshot);
    const expected = expectedSessions(programme, trajectory);
    const step = nextStepOf(programme, trajectory, expected);
    const recorded = (await this.repository.recordedDays(em, duo.id)).map(({ session }) => session);
    const ahead = new Set(sessionsAhead(programme, trajectory, recorded, expected).map(({ key }) => key));
    const upcoming = await this.sessions.upcomingFor(em, duo.cohortId, duo.id);
    const planned = upcoming.filter((row) => ahead.has(row.kind)).map(PlannedSessionView.of);
    const session = planned.find((candidate) => candidate.kind === step.next?.session) ?? null;
    return { ...step, session, alsoPlanned: planned.filter((candidate) => candidate !== session) };
  }
}

/** Whether the duo's trajectory, as stored on its row, now expects the session of this key. */
export function expects(programme: ProgrammeDefinition, duo: Duo, key: string): boolean {
  const session = sessionByKey(programme, key);
  return session !== undefined && expectsSession(programme, restoreTrajectory(programme, duo.trajectorySnapshot), session);
}

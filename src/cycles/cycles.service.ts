import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../shared/roles.js';
import {
  applyCompassEvent,
  CURRENT_COMPASS_VERSION,
  describeCompass,
  persistCompass,
  restoreCompass,
  startCompass,
  type CompassProgress,
  type CompassSnapshot,
  type PersistedCompass,
} from '../compass/compass.js';
import type { CompassEvent } from '../compass/compass.machine.js';
import { DuosService } from '../duos/duos.service.js';
import { changeRequest, IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import { takesPart, type TrajectorySnapshot, type TrajectoryState } from '../trajectory/trajectory.js';
import type { ProgrammeDefinition } from '../programmes/programme.js';
import { CompassProgressView, CycleView, type CycleRow, type EvidenceCountRow } from './cycle.view.js';
import type { ImprovementActionsDto } from './dto/improvement-actions.dto.js';
import { preparedQuery } from '../database/prepared.js';

/** A duo's compass whose row the current transaction has locked. */
export interface LockedCompass {
  duoId: string;
  /** On the current definition, whichever version the row was stored in. */
  snapshot: CompassSnapshot;
  /** Raised by one on every accepted event: the sequence of the event in the log. */
  version: number;
}

/** Told of a cycle that closed, inside the transaction that closed it, with the sequence of its CLOSE_CYCLE event. */
export type CycleClosedListener = (em: EntityManager, duoId: string, cycle: number, compassEventSequence: number) => Promise<void>;

/**
 * The Kwaliteitskompas of each duo, stored like its trajectory: one row with the machine's
 * snapshot, an event log, and the cycles with their improvement actions. Every change is one
 * transaction that share-locks the duo (it must take part), locks the compass row, applies
 * the event and writes what goes with it; a refused event writes nothing.
 */
@Injectable()
export class CyclesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly duos: DuosService,
  ) {}

  private readonly closedListeners: CycleClosedListener[] = [];

  /** The duos' lists filter on evidence that is missing; the compass rows that say so are kept here. */
  onModuleInit(): void {
    this.duos.whenAskedForEvidenceGaps(async (duoIds) => {
      const progress = await this.progressOfDuos(duoIds);
      return new Set(duoIds.filter((id) => progress.get(id)!.stepsLackingEvidence.length > 0));
    });
  }

  /**
   * Calls `listener` for each cycle that closes, in the transaction that closes it: the reports
   * module listens and freezes the duo's report, so that cycles need not import it.
   */
  whenClosed(listener: CycleClosedListener): void {
    this.closedListeners.push(listener);
  }

  /**
   * Runs a change to the duo's compass in one transaction (with Idempotency-Key replay):
   * `work` gets the locked compass, and applies events to it with `apply`.
   */
  change<T>(duoId: string, route: string, headers: ChangeHeaders, body: unknown, work: (em: EntityManager, compass: LockedCompass) => Promise<T>): Promise<T> {
    return this.idempotency.run(changeRequest(headers, `duos/${duoId}/${route}`, body), async (em) => {
      const { programme, snapshot: trajectory } = await this.duos.trajectoryWithProgramme(em, duoId, true);
      if (!programme.compass) {
        throw new DomainException('COMPASS_NOT_USED', `${programme.name} does not use the Kwaliteitskompas: its duos keep no evidence or cycles.`);
      }
      if (!takesPart(trajectory)) {
        const state = trajectory.value as TrajectoryState;
        throw new DomainException(
          'DUO_NOT_TAKING_PART',
          `Evidence and cycles are kept by admitted duos, until they drop out or withdraw; where this duo stands: ${programme.words.states[state].description}.`,
          { params: { state } },
        );
      }
      return work(em, await this.lock(em, duoId));
    });
  }

  /** Applies one event to a locked compass: the new snapshot and the event log entry, or a refusal that writes nothing. */
  async apply(em: EntityManager, compass: LockedCompass, event: CompassEvent, actor: Actor, logged: object = {}): Promise<CompassSnapshot> {
    const result = applyCompassEvent(compass.snapshot, event);
    if (!result.accepted) throw new DomainException(result.refusal.code, result.refusal.message, result.refusal);
    compass.snapshot = result.snapshot;
    compass.version += 1;
    const { type, ...payload } = event;
    // The snapshot and its event in one statement: one round trip on every change to a compass.
    await preparedQuery(
      em,
      `WITH stored AS (UPDATE compasses SET compass_version = $7, snapshot = $8, version = $2, updated_at = now() WHERE duo_id = $1)
       INSERT INTO compass_events (duo_id, sequence, type, payload, actor, actor_id, compass_version) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [compass.duoId, compass.version, type, { ...payload, ...logged }, actor.name, actor.id, CURRENT_COMPASS_VERSION, persistCompass(compass.snapshot)],
    );
    return compass.snapshot;
  }

  agreeImprovementActions(duoId: string, cycle: number, dto: ImprovementActionsDto, headers: ChangeHeaders): Promise<CycleView> {
    const actions = dto.actions.map(({ description, owner, dueOn }) => ({ description, owner, ...(dueOn ? { dueOn } : {}) }));
    return this.change(duoId, `cycles/${cycle}/improvement-actions`, headers, dto, async (em, compass) => {
      await this.apply(em, compass, { type: 'AGREE_IMPROVEMENT_ACTIONS', cycle, count: actions.length }, headers.actor, { actions });
      await em.query('UPDATE cycles SET improvement_actions = $3 WHERE duo_id = $1 AND number = $2', [duoId, cycle, JSON.stringify(actions)]);
      return this.cycle(em, duoId, cycle);
    });
  }

  /** An adviser closes a complete cycle: it is frozen, its duo report is frozen with it, and the next cycle opens at step 1. */
  close(duoId: string, cycle: number, headers: ChangeHeaders): Promise<CycleView> {
    return this.change(duoId, `cycles/${cycle}/closure`, headers, { cycle }, async (em, compass) => {
      await this.apply(em, compass, { type: 'CLOSE_CYCLE', cycle }, headers.actor);
      await em.query('UPDATE cycles SET closed_at = now(), closed_by = $3, closed_by_id = $4 WHERE duo_id = $1 AND number = $2', [
        duoId,
        cycle,
        headers.actor.name,
        headers.actor.id,
      ]);
      await em.query('INSERT INTO cycles (duo_id, number) VALUES ($1, $2)', [duoId, cycle + 1]);
      for (const listener of this.closedListeners) await listener(em, duoId, cycle, compass.version);
      this.idempotency.tell(em, { cycle: { duoId, cycle, nextCycle: cycle + 1 } });
      return this.cycle(em, duoId, cycle);
    });
  }

  /** Every cycle of the duo, oldest first; a duo that has recorded nothing yet has its first cycle open (not yet started). */
  async list(duoId: string): Promise<CycleView[]> {
    await this.duos.trajectoryOf(this.dataSource.manager, duoId);
    return this.listOfReadDuo(duoId);
  }

  /** `list` for a duo the caller has just read (so it is known to exist): its cycles and their counts, read side by side. */
  async listOfReadDuo(duoId: string): Promise<CycleView[]> {
    const em = this.dataSource.manager;
    const [rows, counts] = await Promise.all([
      preparedQuery<CycleRow>(em, CYCLES_OF_DUO, [duoId]),
      this.evidenceCounts(em, duoId),
    ]);
    const cycles = rows.length ? rows : [{ number: 1, opened_at: null, improvement_actions: [], closed_at: null, closed_by: null }];
    return cycles.map((row) => CycleView.of(row, counts));
  }

  /**
   * Where the duo's open cycle stands (the steps lacking evidence and from which perspectives, and
   * what closing it still needs), for a caller that read the duo's programme and trajectory already.
   */
  async progressOf(duoId: string, programme: ProgrammeDefinition, trajectory: TrajectorySnapshot): Promise<CompassProgressView> {
    const [row] = await preparedQuery<{ compass_version: number; snapshot: PersistedCompass }>(
      this.dataSource.manager,
      'SELECT compass_version, snapshot FROM compasses WHERE duo_id = $1',
      [duoId],
    );
    const snapshot = row ? restoreCompass(row.compass_version, row.snapshot) : startCompass();
    return { ...describeCompass(snapshot), applies: programme.compass, acceptsEvidence: programme.compass && takesPart(trajectory) };
  }

  /**
   * Where the open cycle of each of these duos stands, in one query: a duo that has recorded
   * nothing yet has its first cycle open with every step lacking evidence.
   */
  async progressOfDuos(duoIds: readonly string[]): Promise<Map<string, CompassProgress>> {
    const rows: { duo_id: string; compass_version: number; snapshot: PersistedCompass }[] = await this.dataSource.query(
      'SELECT duo_id, compass_version, snapshot FROM compasses WHERE duo_id = ANY($1)',
      [duoIds],
    );
    const stored = new Map(rows.map((row) => [row.duo_id, restoreCompass(row.compass_version, row.snapshot)]));
    return new Map(duoIds.map((id) => [id, describeCompass(stored.get(id) ?? startCompass())]));
  }

  private async cycle(em: EntityManager, duoId: string, number: number): Promise<CycleView> {
    const [row]: CycleRow[] = await em.query(`SELECT ${CYCLE_COLUMNS} FROM cycles WHERE duo_id = $1 AND number = $2`, [duoId, number]);
    return CycleView.of(row, await this.evidenceCounts(em, duoId, number));
  }

  private evidenceCounts(em: EntityManager, duoId: string, cycle?: number): Promise<EvidenceCountRow[]> {
    return preparedQuery<EvidenceCountRow>(
      em,
      `SELECT cycle, step, perspective, count(*)::int AS count FROM evidence
       WHERE duo_id = $1 AND deleted_at IS NULL AND ($2::int IS NULL OR cycle = $2) GROUP BY cycle, step, perspective`,
      [duoId, cycle ?? null],
    );
  }

  /**
   * The duo's compass row, locked; created with cycle 1 open on the duo's first change to it. The
   * row is there on every change but the first, so it is locked first and made only when missing
   * (two first changes at once both make it: the second's insert does nothing, then both lock it).
   */
  private async lock(em: EntityManager, duoId: string): Promise<LockedCompass> {
    const locked = () =>
      preparedQuery<{ compass_version: number; snapshot: PersistedCompass; version: number }>(
        em,
        'SELECT compass_version, snapshot, version FROM compasses WHERE duo_id = $1 FOR UPDATE',
        [duoId],
      );
    let [row] = await locked();
    if (!row) {
      const [created] = await em.query(
        `INSERT INTO compasses (duo_id, compass_version, snapshot, version) VALUES ($1, $2, $3, 0)
         ON CONFLICT DO NOTHING RETURNING duo_id`,
        [duoId, CURRENT_COMPASS_VERSION, persistCompass(startCompass())],
      );
      if (created) await em.query('INSERT INTO cycles (duo_id, number) VALUES ($1, 1)', [duoId]);
      [row] = await locked();
    }
    return { duoId, snapshot: restoreCompass(row.compass_version, row.snapshot), version: row.version };
  }
}

const CYCLE_COLUMNS = 'number, opened_at, improvement_actions, closed_at, closed_by';
const CYCLES_OF_DUO = `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE duo_id = $1 ORDER BY number`;

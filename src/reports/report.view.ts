import { ApiProperty } from '@nestjs/swagger';
import { COMPASS_STEPS, EVIDENCE_KINDS, PERSPECTIVES, type CompassStep, type EvidenceKind, type Perspective } from '../compass/compass.machine.js';
import { ATTENDANCE_STATUSES } from '../programmes/attendance.js';
import { sessionKinds, sessionNumbers } from '../programmes/programmes.js';
import { SIDES, type Side } from '../shared/sides.js';
import type { CohortDuo, CohortExcuse, CohortReport, Counted, EvidenceMatrix, MatrixCellRow, Outcome, WorkshopSummary } from './cohort-report.js';
import { OUTCOMES } from './cohort-report.js';
import type { CycleReport, DuoReport, DuoReportHeader, EvidenceCell, FigureItem, ImprovementActionReport, OtherItem, StepReport, StoryItem } from './duo-report.js';
import type { FrozenReport, FrozenReportComparison, ReportDifference } from './frozen-report.js';
import type { SideReport, TimelineEntry } from './timeline.js';

/** The reports as the OpenAPI document describes them (report JSON is built in duo-report.ts and cohort-report.ts). */

class ExcuseReportView {
  @ApiProperty() reason: string;
  @ApiProperty() excusedBy: string;
}

class SideReportView implements SideReport {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: SideReport['status'];
  @ApiProperty({ type: [String] }) attendees: string[];
  @ApiProperty({ type: ExcuseReportView, nullable: true }) excuse: SideReport['excuse'];
}

class TimelineAttendanceView {
  @ApiProperty() workshop: number;
  @ApiProperty({ type: SideReportView }) municipality: SideReport;
  @ApiProperty({ type: SideReportView }) provider: SideReport;
  @ApiProperty() correction: boolean;
}

class TimelineEntryView implements TimelineEntry {
  @ApiProperty() sequence: number;
  @ApiProperty({ description: 'The event in the duo log.' }) type: string;
  @ApiProperty({ description: 'Dutch, as on the screens.' }) title: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null in the anonymised variant.' }) recordedBy: string | null;
  @ApiProperty({ type: [String], description: 'Place, adviser, notes, reason (Dutch); empty in the anonymised variant.' }) details: string[];
  @ApiProperty({ type: TimelineAttendanceView, nullable: true }) attendance: TimelineEntry['attendance'];
}

class EvidenceCellView implements EvidenceCell {
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], description: 'The evidence this count counts.' }) evidenceIds: string[];
}

class FigureItemView implements FigureItem {
  @ApiProperty({ format: 'uuid' }) evidenceId: string;
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty() title: string;
  @ApiProperty() indicator: string;
  @ApiProperty() value: number;
  @ApiProperty() unit: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
}

class StoryItemView implements StoryItem {
  @ApiProperty({ format: 'uuid' }) evidenceId: string;
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty() title: string;
  @ApiProperty() quote: string;
}

class OtherItemView implements OtherItem {
  @ApiProperty({ format: 'uuid' }) evidenceId: string;
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) links: string[];
}

class WithheldView {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String] }) evidenceIds: string[];
}

class StepReportView implements StepReport {
  @ApiProperty({ enum: COMPASS_STEPS }) step: CompassStep;
  @ApiProperty() name: string;
  @ApiProperty() question: string;
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ type: [EvidenceCellView], description: 'Every perspective and kind, also the empty ones.' }) cells: EvidenceCell[];
  @ApiProperty({ type: [FigureItemView] }) figures: FigureItem[];
  @ApiProperty({ type: [StoryItemView], description: 'Stories that may be shown: not about a person, or with consent.' }) stories: StoryItem[];
  @ApiProperty({ type: WithheldView, description: 'Stories about a person without consent: counted, never quoted.' })
  withheldStories: StepReport['withheldStories'];
  @ApiProperty({ type: [OtherItemView] }) otherMeans: OtherItem[];
}

class ImprovementActionReportView implements ImprovementActionReport {
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['municipality', 'provider', 'both'] }) owner: string;
  @ApiProperty({ required: false, format: 'date' }) dueOn?: string;
}

class CycleReportView implements CycleReport {
  @ApiProperty() number: number;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiProperty({ type: [ImprovementActionReportView] }) improvementActions: ImprovementActionReport[];
  @ApiProperty({ type: [StepReportView] }) steps: StepReport[];
}

class DuoReportHeaderView implements DuoReportHeader {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() cohortName: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
  @ApiProperty({ type: String, nullable: true }) provider: string | null;
  @ApiProperty({ type: [String] }) collectiveServices: string[];
  @ApiProperty() state: string;
  @ApiProperty() advisoryMeetingsHeld: number;
  @ApiProperty() namedInPublications: boolean;
}

export class DuoReportView implements DuoReport {
  @ApiProperty() reportVersion: number;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: DuoReportHeaderView }) duo: DuoReportHeader;
  @ApiProperty({ type: [TimelineEntryView], description: 'Intake, workshops with attendance, advisory meetings, excuses with their reasons.' })
  timeline: TimelineEntry[];
  @ApiProperty({ type: [CycleReportView], description: 'The completed (closed) cycles, oldest first.' }) cycles: CycleReport[];
}

class ReportDifferenceView implements ReportDifference {
  @ApiProperty({ example: 'timeline[7]' }) path: string;
  @ApiProperty({ nullable: true, description: 'Any JSON value.' }) frozen: unknown;
  @ApiProperty({ nullable: true, description: 'Any JSON value.' }) live: unknown;
}

export class FrozenReportView implements FrozenReport {
  @ApiProperty() cycle: number;
  @ApiProperty() reportVersion: number;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ description: 'The last event of the duo log in the copy.' }) duoEventSequence: number;
  @ApiProperty({ description: 'The last event of the compass log in the copy.' }) compassEventSequence: number;
  @ApiProperty({ type: DuoReportView }) report: DuoReport;
}

export class FrozenReportComparisonView implements FrozenReportComparison {
  @ApiProperty({ type: FrozenReportView }) frozen: FrozenReport;
  @ApiProperty({ type: DuoReportView }) live: DuoReport;
  @ApiProperty({ type: [ReportDifferenceView] }) differences: ReportDifference[];
}

class CountedView implements Counted {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], description: 'The duos this count counts.' }) duoIds: string[];
}

class CohortDuoView implements CohortDuo {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
  @ApiProperty({ type: String, nullable: true }) provider: string | null;
  @ApiProperty() state: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty() meetsAttendanceObligation: boolean;
  @ApiProperty() advisoryMeetingsHeld: number;
  @ApiProperty() completedCycles: number;
  @ApiProperty() namedInPublications: boolean;
}

class OutcomeCountView extends CountedView {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ description: 'Dutch.' }) name: string;
}

class WorkshopSummaryView implements WorkshopSummary {
  @ApiProperty({ enum: sessionKinds(), description: 'The session (GET /api/programmes).' }) session: string;
  @ApiProperty({ description: 'Its Dutch name.' }) name: string;
  @ApiProperty({ type: Number, enum: sessionNumbers(), nullable: true, description: 'Its number where the programme numbers it (the werkateliers\' workshops).' }) workshop: number | null;
  @ApiProperty({ type: CountedView }) recorded: Counted;
  @ApiProperty({ type: CountedView }) bothPresent: Counted;
  @ApiProperty({ type: CountedView }) metWithExcuse: Counted;
  @ApiProperty({ type: CountedView }) notMet: Counted;
}

class CohortExcuseView implements CohortExcuse {
  @ApiProperty({ format: 'uuid' }) duoId: string;
  @ApiProperty({ enum: sessionKinds(), description: 'The session (GET /api/programmes).' }) session: string;
  @ApiProperty({ enum: SIDES }) side: Side;
  @ApiProperty({ type: String, nullable: true, description: 'Null in the anonymised report: free text that may name people.' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who accepted the excuse; null in the anonymised report.' }) excusedBy: string | null;
}

class HeldCountView extends CountedView {
  @ApiProperty() held: number;
}

class AdvisoryMeetingsView {
  @ApiProperty() total: number;
  @ApiProperty({ type: [HeldCountView] }) byNumberHeld: HeldCountView[];
}

class MeetingsView {
  @ApiProperty({ description: 'Dutch, plural: "adviesgesprekken".' }) name: string;
  @ApiProperty({ description: 'Dutch, singular: "adviesgesprek".' }) one: string;
  @ApiProperty({ description: 'The most a unit may hold.' }) cap: number;
}

class CompletedCyclesView {
  @ApiProperty() total: number;
  @ApiProperty({ type: CountedView }) duosWithOne: Counted;
}

class MatrixCellView implements MatrixCellRow {
  @ApiProperty({ enum: COMPASS_STEPS }) step: CompassStep;
  @ApiProperty({ enum: PERSPECTIVES }) perspective: Perspective;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty() count: number;
  @ApiProperty({ type: [String] }) evidenceIds: string[];
}

class EvidenceMatrixView implements EvidenceMatrix {
  @ApiProperty() max: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: [MatrixCellView], description: 'Step x perspective x kind, every cell, over the completed cycles.' }) cells: MatrixCellRow[];
}

class CohortHeaderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The programme the edition runs (GET /api/programmes).' }) programme: string;
  @ApiProperty({ description: 'Its name in Dutch.' }) programmeName: string;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date' }) registrationDeadline: string;
  @ApiProperty() capacity: number;
}

export class CohortReportView implements CohortReport {
  @ApiProperty() reportVersion: number;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty() anonymised: boolean;
  @ApiProperty({ type: CohortHeaderView }) cohort: CohortReport['cohort'];
  @ApiProperty({ type: [CohortDuoView] }) duos: CohortDuo[];
  @ApiProperty({ type: [OutcomeCountView] }) outcomes: CohortReport['outcomes'];
  @ApiProperty({ type: [WorkshopSummaryView] }) attendance: WorkshopSummary[];
  @ApiProperty({ type: [CohortExcuseView], description: 'Every side excused at a session (as last recorded), in the order of the sessions, then of the duos.' })
  excuses: CohortExcuse[];
  @ApiProperty({ type: MeetingsView, description: 'The session the programme counts as its meetings (the werkateliers\' advisory meetings).' }) meetings: CohortReport['meetings'];
  @ApiProperty({ description: 'Whether the programme uses the Kwaliteitskompas; without it, cycles and the evidence matrix stay empty.' }) compass: boolean;
  @ApiProperty({ type: AdvisoryMeetingsView }) advisoryMeetings: CohortReport['advisoryMeetings'];
  @ApiProperty({ type: CompletedCyclesView }) completedCycles: CohortReport['completedCycles'];
  @ApiProperty({ type: EvidenceMatrixView }) evidenceMatrix: EvidenceMatrix;
}

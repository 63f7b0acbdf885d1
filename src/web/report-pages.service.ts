import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { DuosService } from '../duos/duos.service.js';
import { DomainException } from '../problems/error-code.js';
import type { CycleReport, DuoReport, StepReport } from '../reports/duo-report.js';
import type { FrozenReportComparison } from '../reports/frozen-report.js';
import type { TimelineEntry } from '../reports/timeline.js';
import { ReportsService } from '../reports/reports.service.js';
import { duoHome, dutchDate, dutchDateTime, page, type PageResult } from './page.js';
import { plural, STATE_NAMES } from './words.js';
import { unitName } from '../shared/unit-name.js';

/** One part of a report as a reader names it, and its value as a short Dutch phrase. */
interface ReportPart {
  name: string;
  say: (value: unknown) => string;
}

const yesNo = (value: unknown) => (value ? 'ja' : 'nee');

const DUO_PARTS: Record<string, ReportPart> = {
  state: { name: 'Stand van het traject', say: (state) => STATE_NAMES[state as string] ?? String(state) },
  advisoryMeetingsHeld: { name: 'Adviesgesprekken gehouden', say: String },
  namedInPublications: { name: 'Met naam in gepubliceerde rapportages', say: yesNo },
  collectiveServices: { name: 'Collectieve voorzieningen', say: (services) => (services as string[]).join(', ') },
  municipality: { name: 'Gemeente', say: String },
  provider: { name: 'Uitvoerder', say: String },
  label: { name: 'Naam van het duo', say: String },
  cohortName: { name: 'Editie', say: String },
};

function entryWords(entry: TimelineEntry): string {
  return `${entry.title} op ${dutchDate(entry.date)}`;
}

function stepWords(step: StepReport): string {
  const withheld = step.withheldStories.count ? `, ${plural(step.withheldStories.count, 'verhaal', 'verhalen')} zonder toestemming niet getoond` : '';
  const kinds = `${step.figures.length} met cijfers, ${step.stories.length} met verhalen, ${step.otherMeans.length} met andere middelen`;
  return `${plural(step.evidenceCount, 'stuk', 'stukken')} onderbouwing (${kinds}${withheld})`;
}

function actionsWords(actions: CycleReport['improvementActions']): string {
  return actions.length ? actions.map((action) => `“${action.description}”`).join(', ') : 'geen';
}

/** The value at a path of a report ("cycles[0].steps[2]"). */
function at(report: unknown, path: string): unknown {
  return (path.match(/[^.[\]]+/g) ?? []).reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), report);
}

/**
 * The parts of a report a difference is in, as a reader thinks of them: an entry of the timeline,
 * a step of a cycle, a cycle's improvement actions, a fact about the duo.
 */
const PART_PATH = /^(timeline\[\d+\]|cycles\[\d+\]\.steps\[\d+\]|cycles\[\d+\]\.improvementActions|cycles\[\d+\](?:\.\w+)?|duo\.\w+|\w+)/;

function partOf(path: string, frozen: DuoReport, live: DuoReport): ReportPart {
  const cycle = /^cycles\[\d+\]/.exec(path)?.[0];
  const cycleName = cycle ? `Cyclus ${((at(live, cycle) ?? at(frozen, cycle)) as CycleReport).number}` : '';
  if (path.startsWith('duo.')) return DUO_PARTS[path.slice(4)] ?? { name: path.slice(4), say: String };
  if (path.startsWith('timeline[')) return { name: 'Verloop', say: (entry) => entryWords(entry as TimelineEntry) };
  if (/\.steps\[\d+\]$/.test(path)) {
    const step = (at(live, path) ?? at(frozen, path)) as StepReport;
    return { name: `${cycleName}, stap ${step.step} (${step.name})`, say: (value) => stepWords(value as StepReport) };
  }
  if (path.endsWith('.improvementActions')) return { name: `${cycleName}, verbeteracties`, say: (actions) => actionsWords(actions as CycleReport['improvementActions']) };
  if (path.endsWith('.closedAt')) return { name: `${cycleName}, afgesloten op`, say: (day) => dutchDate(day as string) };
  if (path.endsWith('.closedBy')) return { name: `${cycleName}, afgesloten door`, say: (name) => String(name ?? 'onbekend') };
  if (cycle) return { name: cycleName, say: (value) => `afgesloten op ${dutchDate((value as CycleReport).closedAt)}` };
  if (path === 'reportVersion') return { name: 'Opbouw van de rapportage', say: (version) => `versie ${version}` };
  return { name: path, say: (value) => JSON.stringify(value) };
}

/** The order in which a report reads, for paths of it: the duo, then its timeline, then its cycles. */
const READING_ORDER = ['reportVersion', 'duo', ...Object.keys(DUO_PARTS), 'timeline', 'cycles', 'closedAt', 'closedBy', 'steps', 'improvementActions'];

function readingOrder(a: string, b: string): number {
  const rank = (path: string) => (path.match(/[^.[\]]+/g) ?? []).map((key) => (/^\d+$/.test(key) ? Number(key) : (READING_ORDER.indexOf(key) + 1 || READING_ORDER.length + 1)));
  const [left, right] = [rank(a), rank(b)];
  const differing = left.findIndex((value, i) => value !== right[i]);
  return differing === -1 ? left.length - right.length : left[differing] - (right[differing] ?? -1);
}

/**
 * What changed since a cycle's report was frozen, one Dutch sentence per part of the report:
 * what was added (a new entry in the timeline, a cycle closed since), what is gone, and what
 * reads otherwise now, with both values.
 */
function changeSentences(comparison: FrozenReportComparison): string[] {
  const frozen = comparison.frozen.report;
  const live = comparison.live;
  // The frozen copy comes back from the database with its keys in another order: say the changes as the report reads.
  const paths = [...new Set(comparison.differences.map((difference) => PART_PATH.exec(difference.path)?.[1] ?? difference.path))].sort(readingOrder);
  return paths.map((path) => {
    const part = partOf(path, frozen, live);
    const then = at(frozen, path);
    const now = at(live, path);
    const name = part.name.charAt(0).toLowerCase() + part.name.slice(1);
    if (then === undefined || then === null) return `Nieuw sinds het vastleggen, ${name}: ${part.say(now)}.`;
    if (now === undefined || now === null) return `Niet meer in de rapportage, ${name}: ${part.say(then)}.`;
    const [before, after] = [part.say(then), part.say(now)];
    return before === after ? `${part.name}: anders beschreven dan bij het vastleggen.` : `${part.name}: was ${before}, nu ${after}.`;
  });
}

/** A duo's frozen reports, one per closed cycle, each beside the live report. */
@Injectable()
export class ReportPagesService {
  constructor(
    private readonly duos: DuosService,
    private readonly cycles: CyclesService,
    private readonly reports: ReportsService,
  ) {}

  async frozenReports(id: string, principal: Principal): Promise<PageResult> {
    const [{ view: duo, programme }, cycles] = await Promise.all([this.duos.getWithSources(id), this.cycles.list(id)]);
    const closed = cycles.filter((cycle) => !cycle.open).reverse();
    const frozen = await Promise.all(
      closed.map(async (cycle) => {
        const comparison = await this.frozenComparison(id, cycle.number);
        // A cycle closed before reports were frozen (migration 1764400000000) has none to show.
        if (!comparison) return { number: cycle.number, closedBy: cycle.closedBy, missing: true };
        return {
          number: cycle.number,
          madeAt: dutchDateTime(comparison.frozen.madeAt),
          closedBy: cycle.closedBy,
          duo: comparison.frozen.report.duo,
          cycle: comparison.frozen.report.cycles.find((candidate) => candidate.number === cycle.number),
          timeline: comparison.frozen.report.timeline,
          changes: changeSentences(comparison),
        };
      }),
    );
    return page('frozen-reports', {
      title: `Rapportage · ${unitName(duo)}`,
      principal,
      duo,
      home: duoHome(principal, id),
      compass: programme.compass,
      frozen,
    });
  }

  /** The cycle's frozen report beside the live one; none where the cycle was closed before reports were frozen. */
  private async frozenComparison(id: string, cycle: number): Promise<FrozenReportComparison | undefined> {
    try {
      return await this.reports.compareWithLive(id, cycle);
    } catch (error) {
      if (error instanceof DomainException && error.code === 'FROZEN_REPORT_NOT_FOUND') return undefined;
      throw error;
    }
  }
}

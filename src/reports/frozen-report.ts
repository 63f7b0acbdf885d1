import type { DuoReport } from './duo-report.js';

/** The copy of a duo's report stored when an adviser closed one of its cycles. */
export interface FrozenReport {
  cycle: number;
  reportVersion: number;
  madeAt: string;
  /** The last event of the duo's trajectory and of its compass that the copy includes. */
  duoEventSequence: number;
  compassEventSequence: number;
  report: DuoReport;
}

export interface ReportDifference {
  /** Where in the report, as a JSON path: "timeline[7]", "duo.state". */
  path: string;
  frozen: unknown;
  live: unknown;
}

export interface FrozenReportComparison {
  frozen: FrozenReport;
  live: DuoReport;
  differences: ReportDifference[];
}

/** When a copy is made is not a difference in what it says. */
const IGNORED = new Set(['madeAt']);

/**
 * What differs between two reports, leaf by leaf; a whole element where one side lacks it.
 * `older`: the frozen copy was made by an earlier report version, so a field only the live report
 * has was added since and is left out.
 */
export function differences(frozen: unknown, live: unknown, path = '', older = false): ReportDifference[] {
  if (Object.is(frozen, live)) return [];
  const bothArrays = Array.isArray(frozen) && Array.isArray(live);
  const bothObjects = isObject(frozen) && isObject(live) && !bothArrays;
  if (bothArrays) {
    const length = Math.max(frozen.length, live.length);
    return Array.from({ length }, (_, i) => differences(frozen[i], live[i], `${path}[${i}]`, older)).flat();
  }
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(frozen), ...Object.keys(live)])].filter((key) => !IGNORED.has(key) && !(older && !(key in frozen)));
    return keys.flatMap((key) => differences(frozen[key], live[key], path ? `${path}.${key}` : key, older));
  }
  return [{ path, frozen: frozen ?? null, live: live ?? null }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

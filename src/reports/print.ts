import { Eta } from 'eta';
import { TIME_ZONE } from '../shared/dates.js';
import { OUTCOME_NAMES, type CohortReport } from './cohort-report.js';
import type { DuoReport } from './duo-report.js';
import { KIND_NAMES, PERSPECTIVE_NAMES } from './report-tables.js';
import { STATUS_NAMES } from './timeline.js';
import { sourceFolder } from '../shared/source-folder.js';

/**
 * The printable reports: server-rendered HTML in Dutch (Eta templates, which escape every
 * value unless told otherwise), with an A4 print stylesheet, a page break before each duo, and
 * the charts drawn as SVG, so that "print to PDF" in any browser gives a presentable document.
 */

const VIEWS = sourceFolder(import.meta.url, './views');
const eta = new Eta({ views: VIEWS, cache: true, autoEscape: true });

const longDate = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });

/** "2019-05-14" or an ISO timestamp as "14 mei 2019" (Amsterdam). */
export function dutchDate(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return longDate.format(date);
}

export interface Bar {
  label: string;
  value: number;
  /** Width in the chart's units (0 to 100). */
  width: number;
}

/** Horizontal bars scaled to the largest value. */
export function bars(values: { label: string; value: number }[]): Bar[] {
  const max = Math.max(1, ...values.map(({ value }) => value));
  return values.map(({ label, value }) => ({ label, value, width: Math.round((value / max) * 100) }));
}

/** A heat map cell's colour: white for nothing, up to full green for the largest cell. */
export function heat(count: number, max: number): string {
  if (count === 0 || max === 0) return '#ffffff';
  const strength = 0.15 + 0.85 * (count / max);
  const channel = (full: number) => Math.round(255 - (255 - full) * strength);
  return `rgb(${channel(0)}, ${channel(104)}, ${channel(55)})`;
}

const helpers = { dutchDate, bars, heat, OUTCOME_NAMES, PERSPECTIVE_NAMES, KIND_NAMES, STATUS_NAMES };

export function printCohortReport(report: CohortReport, duoReports: DuoReport[]): string {
  return eta.render('./cohort', { report, duoReports, compass: report.compass, ...helpers });
}

/** `compass`: whether the duo's programme uses the Kwaliteitskompas (else its cycles are not mentioned). */
export function printDuoReport(report: DuoReport, compass: boolean): string {
  return eta.render('./duo-page', { report, compass, ...helpers });
}

import { Eta } from 'eta';
import type { PhotoBytesLimit, PhotoRow } from '../evidence/evidence.view.js';
import { plural } from '../shared/counted.js';
import { TIME_ZONE } from '../shared/dates.js';
import { OUTCOME_NAMES, type CohortReport } from './cohort-report.js';
import type { DuoReport } from './duo-report.js';
import type { InquiryReport } from './inquiry-report.js';
import { INTERVIEWEE_NAMES, SURVEY_AUDIENCE_NAMES } from '../inquiry/inquiry-figures.js';
import { KIND_NAMES, PERSPECTIVE_NAMES } from './report-tables.js';
import { STATUS_NAMES } from './timeline.js';
import { sourceFolder } from '../shared/source-folder.js';

/**
 * The printable reports: server-rendered HTML in Dutch (Eta templates, which escape every
 * value unless told otherwise), with an A4 print stylesheet, a page break before each duo, and
 * the charts drawn as SVG, so that "print to PDF" in any browser gives a presentable document:
 * every printed page is headed with the edition and the day the report was made, and numbered
 * ("Pagina 3 van 7"). On a screen the page says how to go back to where it was opened from.
 * Photos are embedded (data: URIs, which the documents' policy allows), so that the page, saved
 * or printed, needs nothing else.
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

/**
 * A text as a CSS string (for the running header in `@page`): every character but letters,
 * digits and spaces as a CSS escape, so that no value can end the string or the style element.
 */
export function cssString(value: string): string {
  const escaped = [...value].map((char) => (/^[\p{L}\p{N} ]$/u.test(char) ? char : `\\${(char.codePointAt(0) as number).toString(16)} `));
  return `"${escaped.join('')}"`;
}

/**
 * The photos a printed report embeds: none larger than 2 MB, and 16 MB at most together (a
 * cohort's report with many photos stays a page a browser opens). Larger ones are named, with
 * a link to the file.
 */
export const PHOTO_BYTES_LIMIT: PhotoBytesLimit = { each: 2 * 1024 * 1024, total: 16 * 1024 * 1024 };

export interface PrintedPhoto {
  fileName: string;
  /** The photo as a data: URI, or null when it is too large to embed. */
  src: string | null;
  /** Where the file itself is (for someone signed in). */
  url: string;
}

/** The evidence a printed duo report shows (figures, stories that may be shown, other means), in the report's order. */
export function evidenceShown(reports: DuoReport[]): string[] {
  return reports.flatMap((report) =>
    report.cycles.flatMap((cycle) => cycle.steps.flatMap((step) => [...step.figures, ...step.stories, ...step.otherMeans].map((item) => item.evidenceId))),
  );
}

/** The photos by the evidence that carries them. */
export function photosByEvidence(rows: PhotoRow[]): Map<string, PrintedPhoto[]> {
  const photos = new Map<string, PrintedPhoto[]>();
  for (const row of rows) {
    const photo = {
      fileName: row.file_name,
      src: row.content ? `data:${row.media_type};base64,${row.content.toString('base64')}` : null,
      url: `/api/duos/${row.duo_id}/evidence/${row.evidence_id}/attachments/${row.id}`,
    };
    photos.set(row.evidence_id, [...(photos.get(row.evidence_id) ?? []), photo]);
  }
  return photos;
}

/** What the layout shows around a report: the running header of the printed pages, and the way back on a screen. */
interface PageFrame {
  title: string;
  /** The edition (and variant), at the head of every printed page. */
  edition: string;
  madeAt: string;
  back: { href: string; text: string };
}

/** The report of an advisory trajectory for one municipality; the way back is its inquiry page. */
export function printInquiryReport(report: InquiryReport): string {
  const frame: PageFrame = {
    title: `Rapportage ${report.unit.label}`,
    edition: report.unit.cohortName,
    madeAt: report.madeAt,
    back: { href: `/trajecten/${report.unit.id}/onderzoek`, text: '← terug naar het onderzoek' },
  };
  return eta.render('./inquiry-page', { frame, report, ...helpers, SURVEY_AUDIENCE_NAMES, INTERVIEWEE_NAMES });
}

const helpers = { dutchDate, plural, bars, heat, cssString, OUTCOME_NAMES, PERSPECTIVE_NAMES, KIND_NAMES, STATUS_NAMES };

/** `photos`: by evidence id, of every duo report (none in the anonymised report). */
export function printCohortReport(report: CohortReport, duoReports: DuoReport[], photos: Map<string, PrintedPhoto[]>): string {
  const frame: PageFrame = {
    title: `Rapportage ${report.cohort.name}${report.anonymised ? ' (geanonimiseerd)' : ''}`,
    edition: `${report.cohort.name}${report.anonymised ? ' · geanonimiseerd' : ''}`,
    madeAt: report.madeAt,
    back: { href: `/edities/${report.cohort.id}/rapportage`, text: '← de rapportage' },
  };
  return eta.render('./cohort', { frame, report, duoReports, photos, compass: report.compass, ...helpers });
}

/**
 * `compass`: whether the duo's programme uses the Kwaliteitskompas (else its cycles are not mentioned).
 * The way back is the duo's page, which sends its participants on to theirs (/mijn-traject).
 */
export function printDuoReport(report: DuoReport, compass: boolean, photos: Map<string, PrintedPhoto[]>): string {
  const frame: PageFrame = {
    title: `Rapportage ${report.duo.label}`,
    edition: report.duo.cohortName,
    madeAt: report.madeAt,
    back: { href: `/trajecten/${report.duo.id}`, text: '← terug naar het duo' },
  };
  return eta.render('./duo-page', { frame, report, compass, photos, ...helpers });
}

import type { CohortDuo, CohortReport } from './cohort-report.js';
import type { DuoReport } from './duo-report.js';

/**
 * The variant of a report for publication: no person names (contact persons, advisers, who
 * recorded or excused what), no free text about meetings (places, notes, reasons), stories
 * only as consented (already so in every report) and only once an adviser read them and
 * marked them fit for publication (their free text can name what the report does not), and a
 * municipality and its provider named only when the duo agreed; otherwise the duo is "Duo A",
 * "Duo B", ... in the cohort's order. Other free text a duo typed (the title, text and links of
 * other means, a figure's title, an improvement action's words) can name people and places
 * just as a story can, and nobody marks it: it stays out, and what it counts stays in (a figure
 * keeps its indicator, value and period; an action its owner and date).
 */
export function anonymousLabels(duos: Pick<CohortDuo, 'id' | 'label' | 'namedInPublications'>[]): Map<string, string> {
  let unnamed = 0;
  return new Map(duos.map((duo) => [duo.id, duo.namedInPublications ? duo.label : `Duo ${letters(unnamed++)}`]));
}

/** A, B, ..., Z, AA, AB, ...: as spreadsheet columns are named. */
function letters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letters(Math.floor(index / 26) - 1)}${letter}`;
}

export function anonymiseCohortReport(report: CohortReport): CohortReport {
  const labels = anonymousLabels(report.duos);
  return {
    ...report,
    anonymised: true,
    duos: report.duos.map((duo) =>
      duo.namedInPublications ? duo : { ...duo, label: labels.get(duo.id) as string, municipality: null, provider: null },
    ),
    // Which side was excused stays, as on the printed duo pages; the reason and who accepted it do not.
    excuses: report.excuses.map((excuse) => ({ ...excuse, reason: null, excusedBy: null })),
  };
}

/** What an anonymised report says in place of a story no adviser has marked fit for publication. */
const STORY_NOT_RELEASED = { title: 'Verhaal', quote: '[verhaal niet vrijgegeven voor publicatie]' } as const;

/** What an anonymised report says in place of free text that is never marked for publication. */
export const NOT_PUBLISHED = '[niet opgenomen in de geanonimiseerde rapportage]';

/** `publishable`: the ids of the duo's stories that an adviser marked fit for publication; the others are not quoted. */
export function anonymiseDuoReport(report: DuoReport, label: string, publishable: ReadonlySet<string>): DuoReport {
  const named = report.duo.namedInPublications;
  return {
    ...report,
    duo: { ...report.duo, label, municipality: named ? report.duo.municipality : null, provider: named ? report.duo.provider : null },
    timeline: report.timeline.map((entry) => ({
      ...entry,
      recordedBy: null,
      details: [],
      attendance: entry.attendance && {
        ...entry.attendance,
        municipality: { ...entry.attendance.municipality, attendees: [], excuse: null },
        provider: { ...entry.attendance.provider, attendees: [], excuse: null },
      },
    })),
    cycles: report.cycles.map((cycle) => ({
      ...cycle,
      closedBy: null,
      improvementActions: cycle.improvementActions.map((action) => ({ ...action, description: NOT_PUBLISHED })),
      steps: cycle.steps.map((step) => ({
        ...step,
        figures: step.figures.map(untitledFigure),
        stories: step.stories.map((story) => (publishable.has(story.evidenceId) ? story : { ...story, ...STORY_NOT_RELEASED })),
        otherMeans: step.otherMeans.map((other) => ({ ...other, title: 'Ander middel', text: NOT_PUBLISHED, links: [] })),
      })),
    })),
  };
}

/** A figure as an anonymised report lists it: under its indicator, not the title a duo typed. */
export function untitledFigure<Figure extends { title: string; indicator: string | null }>(figure: Figure): Figure {
  return { ...figure, title: figure.indicator ?? '' };
}

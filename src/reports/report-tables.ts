import { COMPASS_STEP_DEFINITIONS } from '../compass/compass-steps.js';
import type { EvidenceKind, Perspective } from '../compass/compass.machine.js';
import { OUTCOME_NAMES, type CohortReport } from './cohort-report.js';
import type { EvidenceRow } from '../evidence/evidence.view.js';
import { capitalised } from '../shared/capitalised.js';

/**
 * The main tables of a cohort report, once, for both the spreadsheet (a sheet per table) and
 * the CSV downloads: Dutch headers, and per column what kind of value it holds so that each
 * format writes dates and numbers as its readers expect.
 */
export type ColumnType = 'text' | 'number' | 'date';

export interface ReportTable {
  /** Also the CSV's name: /report/csv/{name}. */
  name: ReportTableName;
  sheet: string;
  columns: { header: string; type: ColumnType; width: number }[];
  /** Dates as YYYY-MM-DD, numbers as numbers. */
  rows: (string | number | null)[][];
}

export const REPORT_TABLES = ['duos', 'uitkomsten', 'aanwezigheid', 'afwezig-met-reden', 'onderbouwing', 'cijfers'] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];
/** Each table's title: its sheet in the spreadsheet, and how the report page offers its CSV. */
export const REPORT_TABLE_TITLES: Record<ReportTableName, string> = {
  duos: "Duo's",
  uitkomsten: 'Uitkomsten',
  aanwezigheid: 'Aanwezigheid',
  'afwezig-met-reden': 'Afwezig met reden',
  onderbouwing: 'Onderbouwing',
  cijfers: 'Cijfers',
};
/** The tables of the Kwaliteitskompas: empty, and not offered, for a programme without it. */
export const COMPASS_TABLES: readonly ReportTableName[] = ['onderbouwing', 'cijfers'];

export const PERSPECTIVE_NAMES: Record<Perspective, string> = { municipality: 'gemeente', provider: 'uitvoerder', residents: 'bewoners' };
export const KIND_NAMES: Record<EvidenceKind, string> = { figures: 'cijfers', stories: 'verhalen', other: 'andere middelen' };

const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

export function reportTables(report: CohortReport, figures: (EvidenceRow & { duo_id: string })[]): ReportTable[] {
  const labelOf = new Map(report.duos.map((duo) => [duo.id, duo.label]));
  const labels = (ids: string[]) => ids.map((id) => labelOf.get(id)).join(', ');
  const sessionNameOf = new Map(report.attendance.map((workshop) => [workshop.session, workshop.name]));
  return [
    {
      name: 'duos',
      sheet: REPORT_TABLE_TITLES['duos'],
      columns: [
        { header: 'Duo', type: 'text', width: 40 },
        { header: 'Gemeente', type: 'text', width: 24 },
        { header: 'Uitvoerder', type: 'text', width: 24 },
        { header: 'Uitkomst', type: 'text', width: 16 },
        { header: 'Voldoet aan aanwezigheidsplicht', type: 'text', width: 14 },
        { header: capitalised(report.meetings.name), type: 'number', width: 10 },
        { header: 'Afgeronde cycli', type: 'number', width: 10 },
      ],
      rows: report.duos.map((duo) => [
        duo.label,
        duo.municipality,
        duo.provider,
        OUTCOME_NAMES[duo.outcome],
        yesNo(duo.meetsAttendanceObligation),
        duo.advisoryMeetingsHeld,
        duo.completedCycles,
      ]),
    },
    {
      name: 'uitkomsten',
      sheet: REPORT_TABLE_TITLES['uitkomsten'],
      columns: [
        { header: 'Uitkomst', type: 'text', width: 22 },
        { header: 'Aantal duo’s', type: 'number', width: 12 },
        { header: 'Duo’s', type: 'text', width: 80 },
      ],
      rows: report.outcomes.map((outcome) => [outcome.name, outcome.count, labels(outcome.duoIds)]),
    },
    {
      name: 'aanwezigheid',
      sheet: REPORT_TABLE_TITLES['aanwezigheid'],
      columns: [
        { header: 'Bijeenkomst', type: 'text', width: 18 },
        { header: 'Geregistreerd', type: 'number', width: 14 },
        { header: 'Beide kanten aanwezig', type: 'number', width: 14 },
        { header: 'Voldaan, met reden afwezig', type: 'number', width: 14 },
        { header: 'Niet voldaan', type: 'number', width: 12 },
        { header: 'Duo’s die niet voldeden', type: 'text', width: 60 },
      ],
      rows: report.attendance.map((workshop) => [
        capitalised(workshop.name),
        workshop.recorded.count,
        workshop.bothPresent.count,
        workshop.metWithExcuse.count,
        workshop.notMet.count,
        labels(workshop.notMet.duoIds),
      ]),
    },
    {
      name: 'afwezig-met-reden',
      sheet: REPORT_TABLE_TITLES['afwezig-met-reden'],
      columns: [
        { header: 'Duo', type: 'text', width: 40 },
        { header: 'Bijeenkomst', type: 'text', width: 18 },
        { header: 'Kant', type: 'text', width: 12 },
        { header: 'Reden', type: 'text', width: 50 },
        { header: 'Akkoord van', type: 'text', width: 24 },
      ],
      rows: report.excuses.map((excuse) => [
        labelOf.get(excuse.duoId) as string,
        capitalised(sessionNameOf.get(excuse.session) as string),
        PERSPECTIVE_NAMES[excuse.side],
        excuse.reason,
        excuse.excusedBy,
      ]),
    },
    {
      name: 'onderbouwing',
      sheet: REPORT_TABLE_TITLES['onderbouwing'],
      columns: [
        { header: 'Stap', type: 'number', width: 6 },
        { header: 'Naam van de stap', type: 'text', width: 26 },
        { header: 'Perspectief', type: 'text', width: 14 },
        { header: 'Soort', type: 'text', width: 16 },
        { header: 'Aantal', type: 'number', width: 8 },
      ],
      rows: report.evidenceMatrix.cells.map((cell) => [
        cell.step,
        COMPASS_STEP_DEFINITIONS[cell.step].name,
        PERSPECTIVE_NAMES[cell.perspective],
        KIND_NAMES[cell.kind],
        cell.count,
      ]),
    },
    {
      name: 'cijfers',
      sheet: REPORT_TABLE_TITLES['cijfers'],
      columns: [
        { header: 'Duo', type: 'text', width: 36 },
        { header: 'Cyclus', type: 'number', width: 8 },
        { header: 'Stap', type: 'number', width: 6 },
        { header: 'Perspectief', type: 'text', width: 14 },
        { header: 'Titel', type: 'text', width: 36 },
        { header: 'Indicator', type: 'text', width: 36 },
        { header: 'Waarde', type: 'number', width: 12 },
        { header: 'Eenheid', type: 'text', width: 14 },
        { header: 'Van', type: 'date', width: 12 },
        { header: 'Tot en met', type: 'date', width: 12 },
      ],
      rows: figures.map((figure) => [
        labelOf.get(figure.duo_id) ?? '',
        figure.cycle,
        figure.step,
        PERSPECTIVE_NAMES[figure.perspective],
        figure.title,
        figure.indicator,
        Number(figure.indicator_value),
        figure.indicator_unit,
        figure.period_start,
        figure.period_end,
      ]),
    },
  ];
}


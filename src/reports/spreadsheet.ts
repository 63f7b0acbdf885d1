import type { ReportTable } from './report-tables.js';

/**
 * The report tables as downloads that open cleanly in Excel and LibreOffice: an XLSX workbook
 * with a sheet per table (bold, frozen header row; real numbers; real dates shown as
 * dd-mm-jjjj), and a CSV per table as Dutch Excel reads one (UTF-8 with a byte order mark,
 * semicolons, decimal commas, dates as dd-mm-jjjj).
 */
/** What a sheet or a CSV is made of: any table with typed columns, a report's or another's (open meetings' registrations). */
export type SheetTable = Pick<ReportTable, 'sheet' | 'columns' | 'rows'>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function excelDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

export async function workbook(tables: readonly SheetTable[], title: string): Promise<Buffer> {
  // Loaded on the first spreadsheet, not at start: exceljs is large, and most processes never write one.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Trajectkompas';
  book.title = title;
  for (const table of tables) {
    const sheet = book.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column) => ({
      header: column.header,
      width: column.width,
      style: column.type === 'date' ? { numFmt: 'dd-mm-yyyy' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row.map((value, i) => (table.columns[i].type === 'date' && typeof value === 'string' ? excelDate(value) : value)));
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Text that a spreadsheet program would run as a formula (=, +, -, @, tab, CR first): a quote in front keeps it text. */
const FORMULA = /^[=+\-@\t\r]/;

function csvValue(value: string | number | null, type: ReportTable['columns'][number]['type']): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const date = type === 'date' ? value.split('-').reverse().join('-') : value;
  const text = type === 'text' && FORMULA.test(date) ? `'${date}` : date;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csv(table: SheetTable): string {
  const lines = [
    table.columns.map((column) => csvValue(column.header, 'text')),
    ...table.rows.map((row) => row.map((value, i) => csvValue(value, table.columns[i].type))),
  ];
  return `\ufeff${lines.map((line) => line.join(';')).join('\r\n')}\r\n`;
}

import type ExcelJS from 'exceljs';
import { isEmail } from 'class-validator';
import { MAX_IMPORT_BYTES } from '../http/file-body.js';
import { DomainException } from '../problems/error-code.js';
import { SIDES, type Side } from '../shared/sides.js';
import type { RegisterDuoDto } from './dto/register-duo.dto.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 200;

/** The columns of an import file, in the template's order, by the words of the registration form. */
export const IMPORT_HEADERS = [
  'Gemeente',
  'Uitvoerder',
  'Collectieve voorzieningen',
  'Vragen',
  'Verwachtingen',
  'Contactpersoon gemeente',
  'E-mail gemeente',
  'Telefoon gemeente',
  'Contactpersoon uitvoerder',
  'E-mail uitvoerder',
  'Telefoon uitvoerder',
] as const;
type Column = (typeof IMPORT_HEADERS)[number];
const REQUIRED: readonly Column[] = ['Gemeente', 'Uitvoerder', 'Collectieve voorzieningen', 'Contactpersoon gemeente', 'E-mail gemeente', 'Contactpersoon uitvoerder', 'E-mail uitvoerder'];
const CONTACT_COLUMNS: Record<Side, { name: Column; email: Column; phone: Column }> = {
  municipality: { name: 'Contactpersoon gemeente', email: 'E-mail gemeente', phone: 'Telefoon gemeente' },
  provider: { name: 'Contactpersoon uitvoerder', email: 'E-mail uitvoerder', phone: 'Telefoon uitvoerder' },
};
const MAX_LENGTHS: Partial<Record<Column, number>> = {
  Gemeente: 200,
  Uitvoerder: 200,
  Vragen: 4000,
  Verwachtingen: 4000,
  'Contactpersoon gemeente': 200,
  'Contactpersoon uitvoerder': 200,
  'Telefoon gemeente': 40,
  'Telefoon uitvoerder': 40,
};

/** A header as compared: lower case, without accents, spaces, hyphens or punctuation ("E-mailadres Gemeente" is "emailadresgemeente"). */
function headerKey(header: string): string {
  return header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

/** Each column by its own header and the variants people write ("E-mailadres gemeente", "Telefoonnummer uitvoerder", "Naam contactpersoon gemeente"). */
const HEADER_VARIANTS: Record<string, Column> = Object.fromEntries(
  IMPORT_HEADERS.flatMap((column) => {
    const key = headerKey(column);
    const variants = [key, key.replace(/^email/, 'emailadres'), key.replace(/^telefoon/, 'telefoonnummer'), key.replace(/^contactpersoon/, 'naamcontactpersoon')];
    return variants.map((variant) => [variant, column]);
  }),
);

/** One row of the file, read: its number in the file (the header is row 1), the duo it registers, and what is wrong with it (in Dutch). */
export interface ImportRow {
  row: number;
  duo?: RegisterDuoDto;
  errors: string[];
}

/** A file that cannot be read as an import at all: 400 (415 for a type that is neither CSV nor XLSX), with the headers expected. */
export function unreadableFile(problem: string, status: 'unreadable' | 'type' = 'unreadable'): DomainException<'IMPORT_FILE_UNREADABLE' | 'UNSUPPORTED_MEDIA_TYPE'> {
  const expected = `Send a CSV (UTF-8, separated by ; or ,) or XLSX file with one duo a row under the headers ${IMPORT_HEADERS.join(', ')}.`;
  if (status === 'type') return new DomainException('UNSUPPORTED_MEDIA_TYPE', `${problem} ${expected}`);
  return new DomainException('IMPORT_FILE_UNREADABLE', `${problem} ${expected}`, { params: { problem, expectedHeaders: [...IMPORT_HEADERS], maxRows: MAX_IMPORT_ROWS } });
}

/** The cells of a file, by its media type and checked against its bytes: the first row the headers. */
export async function cellsOf(contentType: string | undefined, content: Buffer): Promise<string[][]> {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (content.length === 0) throw unreadableFile('The file is empty.');
  if (content.length > MAX_IMPORT_BYTES) throw unreadableFile(`The file is larger than ${MAX_IMPORT_BYTES} bytes.`);
  if (mediaType === XLSX_TYPE) {
    if (!(content[0] === 0x50 && content[1] === 0x4b)) throw unreadableFile('The file was sent as XLSX, but it is not one.', 'type');
    return xlsxCells(content);
  }
  if (mediaType === CSV_TYPE) return csvCells(csvText(content));
  throw unreadableFile(`Files of type "${mediaType || 'none given'}" cannot be imported.`, 'type');
}

function csvText(content: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw unreadableFile('The CSV file is not UTF-8 text.', 'type');
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw unreadableFile('The CSV file holds control characters: it is not text.', 'type');
  return text.replace(/^\uFEFF/, '');
}

/** CSV as RFC 4180 reads it (quotes, doubled quotes, line breaks inside quotes), separated by ; or , whichever the header line uses more. */
export function csvCells(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

async function xlsxCells(content: Buffer): Promise<string[][]> {
  // Loaded on the first import file, not at start (see workbook in src/reports/spreadsheet.ts).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile('The XLSX file could not be read.', 'type');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadableFile('The XLSX file has no sheet.');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) cells.push(cellText(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** What a spreadsheet cell shows: a link by its text (an e-mail address typed in Excel becomes one), rich text joined, a number as written. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

/** The rows of an import file as duos, each with its problems; problems of the file as a whole end it (IMPORT_FILE_UNREADABLE). */
export function importRows(cells: string[][]): ImportRow[] {
  const [headerRow = [], ...body] = cells;
  const columns = headerRow.map((header) => HEADER_VARIANTS[headerKey(header)]);
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (headerRow.every((header) => !header.trim())) throw unreadableFile('The file is empty: it has no header row.');
  if (missing.length) throw unreadableFile(`The file lacks the columns ${missing.join(', ')}.`);
  const rows = body.map((cellsOfRow, index) => ({ number: index + 2, cellsOfRow })).filter(({ cellsOfRow }) => cellsOfRow.some((cell) => cell.trim()));
  if (!rows.length) throw unreadableFile('The file has no rows below its headers.');
  if (rows.length > MAX_IMPORT_ROWS) throw unreadableFile(`The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once.`);
  const read = rows.map(({ number, cellsOfRow }) => {
    const value = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (cellsOfRow[index] ?? '').trim();
    };
    return readRow(number, value);
  });
  markDuplicatesWithinFile(read);
  return read;
}

function readRow(row: number, value: (column: Column) => string): ImportRow {
  const errors: string[] = [];
  for (const column of REQUIRED) if (!value(column)) errors.push(`${column} ontbreekt.`);
  for (const [column, max] of Object.entries(MAX_LENGTHS) as [Column, number][]) {
    if (value(column).length > max) errors.push(`${column} is langer dan ${max} tekens.`);
  }
  for (const side of SIDES) {
    const email = value(CONTACT_COLUMNS[side].email);
    if (email && (!isEmail(email) || email.length > 254)) errors.push(`${CONTACT_COLUMNS[side].email} is geen e-mailadres: ${email}.`);
  }
  const [first, second] = SIDES.map((side) => CONTACT_COLUMNS[side].email);
  if (value(first) && value(first).toLowerCase() === value(second).toLowerCase()) {
    errors.push(`${second} is hetzelfde adres als ${first}: iedere contactpersoon heeft een eigen adres.`);
  }
  const collectiveServices = value('Collectieve voorzieningen').split(/[;,\n]/).map((service) => service.trim()).filter(Boolean);
  if (collectiveServices.length > 20) errors.push('Collectieve voorzieningen noemt er meer dan 20.');
  if (collectiveServices.some((service) => service.length > 200)) errors.push('Een collectieve voorziening is langer dan 200 tekens.');
  const duo: RegisterDuoDto = {
    municipality: value('Gemeente'),
    provider: value('Uitvoerder'),
    collectiveServices,
    questions: value('Vragen'),
    expectations: value('Verwachtingen'),
    contactPersons: SIDES.map((side) => {
      const phone = value(CONTACT_COLUMNS[side].phone);
      return { side, name: value(CONTACT_COLUMNS[side].name), email: value(CONTACT_COLUMNS[side].email), ...(phone ? { phone } : {}) };
    }),
  };
  return { row, duo, errors };
}

/** The same municipality and provider twice in one file (as the database compares them: case aside): every later row is a duplicate of the first. */
function markDuplicatesWithinFile(rows: ImportRow[]): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.duo?.municipality || !row.duo.provider) continue;
    const key = pairKey(row.duo.municipality, row.duo.provider);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.row);
    else row.errors.push(`Dit duo staat al in rij ${earlier} van dit bestand.`);
  }
}

export function pairKey(municipality: string, provider: string): string {
  return `${municipality.trim().toLowerCase()}\u0000${provider.trim().toLowerCase()}`;
}

function csvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows as a CSV in the template's columns (separated by ;): the template itself, and what a preview page posts back to confirm. */
export function importCsv(duos: RegisterDuoDto[]): string {
  const lines = [IMPORT_HEADERS.join(';')];
  for (const duo of duos) {
    const contact = (side: Side) => duo.contactPersons.find((person) => person.side === side);
    const cells = [
      duo.municipality,
      duo.provider ?? '',
      duo.collectiveServices.join(', '),
      duo.questions ?? '',
      duo.expectations ?? '',
      ...SIDES.flatMap((side) => [contact(side)?.name ?? '', contact(side)?.email ?? '', contact(side)?.phone ?? '']),
    ];
    lines.push(cells.map(csvField).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

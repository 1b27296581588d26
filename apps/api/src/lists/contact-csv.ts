import { CsvError, Info, parse } from 'csv-parse/sync';
import { attributesProblem, MAX_ATTRIBUTES } from '../contacts/contact-attributes.validator';
import { normalizeEmail } from '../contacts/email-address';

const MAX_NAME_LENGTH = 200;

export interface ContactCsvRow {
  row: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  attributes: Record<string, string>;
}

export interface RejectedCsvRow {
  row: number;
  email: string | null;
  reason: string;
}

export interface ParsedContactCsv {
  rows: ContactCsvRow[];
  rejected: RejectedCsvRow[];
}

/** The file as a whole cannot be read (no header, no email column, broken quoting): nothing is imported. */
export class CsvFileError extends Error {}

type Field = 'email' | 'firstName' | 'lastName';

// Header names are matched ignoring case, spaces, '_' and '-': "First Name", "first_name", "firstName", "E-mail".
const FIELD_BY_HEADER: Record<string, Field> = {
  email: 'email',
  emailaddress: 'email',
  firstname: 'firstName',
  lastname: 'lastName',
};

interface Column {
  index: number;
  name: string;
  field: Field | null;
}

/**
 * Spreadsheets in many European locales save CSV with ';' (and some tools with tabs): the
 * header row tells which one this file uses.
 */
function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.delimiter : ',';
}

/** The row number a spreadsheet shows: records (the header is 1) plus the blank lines skipped before. */
function rowNumber(info: Info): number {
  return info.records + info.empty_lines;
}

/** csv-parse counts the records it completed before the one that failed. */
function failedRow(error: CsvError): number {
  return Number(error.records ?? 0) + 1;
}

function readHeader(record: string[]): Column[] {
  const columns = record
    .map((raw, index) => {
      const name = raw.trim();
      return { index, name, field: FIELD_BY_HEADER[name.toLowerCase().replace(/[\s_-]/g, '')] ?? null };
    })
    // A trailing delimiter leaves a nameless column: its cells have no attribute name to go under.
    .filter((column) => column.name !== '');
  // PostgreSQL refuses U+0000 in text and jsonb: one would fail the whole import's statement.
  if (columns.some((column) => column.name.includes('\0'))) throw new CsvFileError('A column name must not contain the NUL character (\\u0000)');
  const seen = new Map<string, string>();
  for (const column of columns) {
    const key = column.field ?? `attribute:${column.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new CsvFileError(`The header names the same column twice: "${earlier}" and "${column.name}"`);
    seen.set(key, column.name);
  }
  if (!columns.some((column) => column.field === 'email')) {
    const found = columns.map((column) => column.name).slice(0, 20).join(', ');
    throw new CsvFileError(`The header row has no email column (found: ${found || 'nothing'}); name the column with the addresses "email"`);
  }
  const attributeColumns = columns.filter((column) => column.field === null).length;
  if (attributeColumns > MAX_ATTRIBUTES) {
    throw new CsvFileError(`The CSV has ${attributeColumns} attribute columns; at most ${MAX_ATTRIBUTES} are allowed`);
  }
  return columns;
}

function checkName(column: Column, value: string): string | null {
  if (/[\r\n]/.test(value)) return `${column.name} must not contain line breaks`;
  if (value.length > MAX_NAME_LENGTH) return `${column.name} is longer than ${MAX_NAME_LENGTH} characters`;
  return null;
}

/**
 * Reads a contacts CSV: a header row with an `email` column, optional first/last name columns,
 * and any other column as an attribute. Rows that cannot be imported are reported with their
 * row number and the reason; blank cells mean "no value" (they never erase stored data).
 */
export function parseContactCsv(text: string): ParsedContactCsv {
  const skipped: CsvError[] = [];
  const records = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text),
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) skipped.push(error);
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: Info }>;

  const unclosed = skipped.find((error) => error.code === 'CSV_QUOTE_NOT_CLOSED');
  if (unclosed) {
    throw new CsvFileError(`A quoted field opened in row ${failedRow(unclosed)} is never closed: the file ends inside quotes`);
  }
  const [header, ...data] = records;
  if (!header) throw new CsvFileError('The CSV is empty: expected a header row with an email column');
  const columns = readHeader(header.record);
  const width = header.record.length;
  const emailColumn = columns.find((column) => column.field === 'email')!;

  const rows: ContactCsvRow[] = [];
  const rejected: RejectedCsvRow[] = skipped.map((error) => ({ row: failedRow(error), email: null, reason: error.message }));
  const firstRowOf = new Map<string, number>();

  for (const { record, info } of data) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const row = rowNumber(info);
    const rawEmail = record[emailColumn.index]?.trim() ?? '';
    const reject = (reason: string) => rejected.push({ row, email: rawEmail === '' ? null : rawEmail, reason });

    if (record.length !== width) {
      reject(`the row has ${record.length} fields but the header has ${width}`);
      continue;
    }
    const email = normalizeEmail(rawEmail);
    if (!email.ok) {
      reject(email.reason);
      continue;
    }
    const earlier = firstRowOf.get(email.email);
    if (earlier !== undefined) {
      reject(`duplicate of row ${earlier}`);
      continue;
    }

    const contact: ContactCsvRow = { row, email: email.email, firstName: null, lastName: null, attributes: {} };
    let problem: string | null = null;
    for (const column of columns) {
      const value = record[column.index]!.trim();
      if (value === '' || column.field === 'email') continue;
      if (value.includes('\0')) {
        problem = `${column.name} must not contain the NUL character (\\u0000)`;
        break;
      }
      if (column.field === null) {
        contact.attributes[column.name] = value;
        continue;
      }
      problem = checkName(column, value);
      if (problem) break;
      contact[column.field] = value;
    }
    problem ??= attributesProblem(contact.attributes) && `attributes ${attributesProblem(contact.attributes)}`;
    if (problem) {
      reject(problem);
      continue;
    }
    firstRowOf.set(email.email, row);
    rows.push(contact);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rows, rejected };
}

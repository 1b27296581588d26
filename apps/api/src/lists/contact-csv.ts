import { Readable } from 'node:stream';
import { CsvError, Info, parse } from 'csv-parse';
import { attributesProblem, MAX_ATTRIBUTES } from '../contacts/contact-attributes.validator';
import { normalizeEmail } from '../contacts/email-address';

const MAX_NAME_LENGTH = 200;
/** The parser is fed this much at a time, so only the records of one slice wait in memory. */
const FEED_BYTES = 64 * 1024;

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

export interface ContactCsvReading {
  /** Valid rows are handed over in batches of at most this many, each awaited before the next is read. */
  batchSize: number;
  onBatch(rows: ContactCsvRow[]): Promise<void>;
  /** How many rejected rows to report (the first, by row number); all are counted. */
  keepRejected: number;
}

export interface ContactCsvOutcome {
  rejected: RejectedCsvRow[];
  rejectedCount: number;
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
function detectDelimiter(csv: Buffer): string {
  const head = csv.subarray(0, FEED_BYTES).toString('utf8');
  const end = head.search(/\r|\n/);
  const header = end === -1 ? head : head.slice(0, end);
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
  if (columns.some((column) => column.name.includes('\0')))
    throw new CsvFileError('A column name must not contain the NUL character (\\u0000)');
  const seen = new Map<string, string>();
  for (const column of columns) {
    const key = column.field ?? `attribute:${column.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new CsvFileError(`The header names the same column twice: "${earlier}" and "${column.name}"`);
    seen.set(key, column.name);
  }
  if (!columns.some((column) => column.field === 'email')) {
    const found = columns
      .map((column) => column.name)
      .slice(0, 20)
      .join(', ');
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

interface CsvRecord {
  record: string[];
  info: Info;
}

/**
 * The file's records, header first, parsed a slice at a time. Records that csv-parse skips go
 * to `onSkip`; a quote never closed makes the whole file unreadable.
 */
async function* csvRecords(csv: Buffer, onSkip: (error: CsvError) => void): AsyncGenerator<CsvRecord> {
  let unclosed: CsvError | undefined;
  const source = Readable.from(slices(csv));
  const parser = source.pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(csv),
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = error;
        else if (error) onSkip(error);
        return undefined;
      },
    }),
  );
  try {
    for await (const record of parser) yield record as CsvRecord;
  } finally {
    source.destroy();
  }
  if (unclosed) {
    throw new CsvFileError(`A quoted field opened in row ${failedRow(unclosed)} is never closed: the file ends inside quotes`);
  }
}

function* slices(csv: Buffer): Generator<Buffer> {
  for (let start = 0; start < csv.length; start += FEED_BYTES) yield csv.subarray(start, start + FEED_BYTES);
}

/**
 * Whether the file has more than `maxRows` rows after the header (blank lines aside), known before
 * anything is written or kept. Every record but the last ends in a line break, so a file with few
 * enough of them is not parsed here; otherwise parsing stops at the first row past the limit.
 */
export async function exceedsContactCsvRows(csv: Buffer, maxRows: number): Promise<boolean> {
  if (lineBreaks(csv) <= maxRows) return false;
  let rows = -1; // the header is not a row
  const count = (): boolean => ++rows > maxRows;
  for await (const _ of csvRecords(csv, count)) if (count()) return true;
  return rows > maxRows;
}

/** LF, CRLF and lone CR each end a line, as csv-parse's record delimiter detection accepts. */
function lineBreaks(csv: Buffer): number {
  const occurrences = (needle: string): number => {
    let found = 0;
    for (let at = csv.indexOf(needle); at !== -1; at = csv.indexOf(needle, at + needle.length)) found += 1;
    return found;
  };
  return occurrences('\n') + occurrences('\r') - occurrences('\r\n');
}

/** The first `keep` rejected rows by row number, whatever order they are found in, and how many there were. */
class FirstRejections {
  private rows: RejectedCsvRow[] = [];
  count = 0;

  constructor(private readonly keep: number) {}

  add(row: RejectedCsvRow): void {
    this.count += 1;
    this.rows.push(row);
    if (this.rows.length >= 2 * this.keep) this.trim();
  }

  list(): RejectedCsvRow[] {
    this.trim();
    return this.rows;
  }

  private trim(): void {
    this.rows.sort((a, b) => a.row - b.row);
    this.rows.length = Math.min(this.rows.length, this.keep);
  }
}

/**
 * Reads a contacts CSV: a header row with an `email` column, optional first/last name columns,
 * and any other column as an attribute. Rows that cannot be imported are reported with their
 * row number and the reason; blank cells mean "no value" (they never erase stored data).
 * Memory stays bounded by one batch, the addresses seen (for duplicates) and the kept rejections.
 */
export async function readContactCsv(csv: Buffer, reading: ContactCsvReading): Promise<ContactCsvOutcome> {
  const rejections = new FirstRejections(reading.keepRejected);
  const records = csvRecords(csv, (error) => rejections.add({ row: failedRow(error), email: null, reason: error.message }));
  try {
    await readRows(records, reading, rejections);
  } finally {
    await records.return(undefined);
  }
  return { rejected: rejections.list(), rejectedCount: rejections.count };
}

async function readRows(records: AsyncGenerator<CsvRecord>, reading: ContactCsvReading, rejections: FirstRejections): Promise<void> {
  const first = await records.next();
  if (first.done) throw new CsvFileError('The CSV is empty: expected a header row with an email column');
  const columns = readHeader(first.value.record);
  const width = first.value.record.length;
  const emailColumn = columns.find((column) => column.field === 'email')!;

  let batch: ContactCsvRow[] = [];
  const firstRowOf = new Map<string, number>();
  for await (const { record, info } of records) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const row = rowNumber(info);
    const rawEmail = record[emailColumn.index]?.trim() ?? '';
    const reject = (reason: string) => rejections.add({ row, email: rawEmail === '' ? null : rawEmail, reason });

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
    batch.push(contact);
    if (batch.length === reading.batchSize) {
      await reading.onBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await reading.onBatch(batch);
}

import { ContactCsvRow, CsvFileError, exceedsContactCsvRows, readContactCsv } from './contact-csv';

/** Every valid row and every rejection of `text`, batches joined. */
async function parseContactCsv(text: string) {
  const rows: ContactCsvRow[] = [];
  const onBatch = async (batch: ContactCsvRow[]) => void rows.push(...batch);
  const { rejected } = await readContactCsv(Buffer.from(text), { batchSize: 1000, keepRejected: 1000, onBatch });
  return { rows, rejected };
}

describe('readContactCsv', () => {
  it('reads quoted fields, a BOM, CRLF line ends and extra columns as attributes', async () => {
    const csv =
      '\uFEFFEmail,First Name,last_name,Company,Notes\r\n' +
      'Ada@Example.com,"Ada","Lovelace","Analytical, Ltd","said ""hi""\nthen left"\r\n';
    expect(await parseContactCsv(csv)).toEqual({
      rows: [
        {
          row: 2,
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          attributes: { Company: 'Analytical, Ltd', Notes: 'said "hi"\nthen left' },
        },
      ],
      rejected: [],
    });
  });

  it('reports bad rows with the row number a spreadsheet shows, and skips blank rows', async () => {
    const csv = [
      'email,firstName',
      'ok@example.com,A',
      '',
      'not-an-email,B',
      ',,',
      'ok@example.com,C',
      'x@example.com,"D\r\nE"',
      'y@example.com',
    ].join('\n');
    const { rows, rejected } = await parseContactCsv(csv);
    expect(rows.map((row) => [row.row, row.email])).toEqual([[2, 'ok@example.com']]);
    expect(rejected).toEqual([
      { row: 4, email: 'not-an-email', reason: 'not a valid email address' },
      { row: 6, email: 'ok@example.com', reason: 'duplicate of row 2' },
      { row: 7, email: 'x@example.com', reason: 'firstName must not contain line breaks' },
      { row: 8, email: 'y@example.com', reason: 'the row has 1 fields but the header has 2' },
    ]);
  });

  it('leaves blank cells out, so they never erase stored values', async () => {
    const { rows } = await parseContactCsv('email,first_name,plan\nada@example.com,,\n');
    expect(rows[0]).toMatchObject({ firstName: null, lastName: null, attributes: {} });
  });

  it('reads semicolon-separated files, as European spreadsheets save them', async () => {
    const { rows } = await parseContactCsv('email;first_name;city\nada@example.com;Ada;Lisboa, PT\n');
    expect(rows[0]).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', attributes: { city: 'Lisboa, PT' } });
  });

  it('takes a stray quote inside a field literally instead of losing the rest of the file', async () => {
    const { rows, rejected } = await parseContactCsv('email,name\n"bad"x@example.com,q\nok@example.com,r\n');
    expect(rejected).toEqual([{ row: 2, email: '"bad"x@example.com', reason: 'not a valid email address' }]);
    expect(rows.map((row) => row.email)).toEqual(['ok@example.com']);
  });

  it.each([
    ['', /The CSV is empty/],
    ['name,company\nAda,X\n', /no email column \(found: name, company\)/],
    ['email,Email\na@example.com,b@example.com\n', /names the same column twice: "email" and "Email"/],
    ['email,name\n"a@example.com,unterminated\n', /quoted field opened in row 2 is never closed/],
  ])('refuses a file it cannot read: %j', async (csv, message) => {
    await expect(parseContactCsv(csv)).rejects.toThrow(CsvFileError);
    await expect(parseContactCsv(csv)).rejects.toThrow(message);
  });

  const addresses = (count: number) => 'email,first_name\n' + Array.from({ length: count }, (_, i) => `p${i}@example.com,P${i}\n`).join('');

  it('hands valid rows over in batches of at most batchSize, each awaited before more is read', async () => {
    const sizes: number[] = [];
    let inFlight = false;
    const onBatch = async (batch: ContactCsvRow[]) => {
      expect(inFlight).toBe(false);
      inFlight = true;
      sizes.push(batch.length);
      await new Promise(setImmediate);
      inFlight = false;
    };

    await readContactCsv(Buffer.from(addresses(2500)), { batchSize: 1000, keepRejected: 10, onBatch });

    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it('keeps the first rejections by row number and counts them all', async () => {
    const csv = 'email\n' + Array.from({ length: 50 }, (_, i) => `bad-${i}\n`).join('');

    const outcome = await readContactCsv(Buffer.from(csv), { batchSize: 1000, keepRejected: 3, onBatch: async () => undefined });

    expect(outcome.rejectedCount).toBe(50);
    expect(outcome.rejected.map((rejection) => rejection.row)).toEqual([2, 3, 4]);
  });
});

describe('exceedsContactCsvRows', () => {
  const rows = (count: number, lineEnd = '\n') => 'email,note' + lineEnd + 'a@example.com,x'.concat(lineEnd).repeat(count);

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('counts the rows after the header, with %s line ends', async (_, lineEnd) => {
    await expect(exceedsContactCsvRows(Buffer.from(rows(3, lineEnd)), 3)).resolves.toBe(false);
    await expect(exceedsContactCsvRows(Buffer.from(rows(4, lineEnd)), 3)).resolves.toBe(true);
  });

  it('counts records, not lines: line breaks inside quotes and blank lines make no row', async () => {
    const csv = 'email,note\n' + 'a@example.com,"one\ntwo\nthree"\n\n\n'.repeat(3);

    await expect(exceedsContactCsvRows(Buffer.from(csv), 3)).resolves.toBe(false);
    await expect(exceedsContactCsvRows(Buffer.from(csv), 2)).resolves.toBe(true);
  });

  it('answers as soon as the limit is passed, however long the file', async () => {
    await expect(exceedsContactCsvRows(Buffer.from(rows(200_000)), 10)).resolves.toBe(true);
  });
});

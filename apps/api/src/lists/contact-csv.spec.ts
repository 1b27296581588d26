import { CsvFileError, parseContactCsv } from './contact-csv';

describe('parseContactCsv', () => {
  it('reads quoted fields, a BOM, CRLF line ends and extra columns as attributes', () => {
    const csv = '\uFEFFEmail,First Name,last_name,Company,Notes\r\n' + 'Ada@Example.com,"Ada","Lovelace","Analytical, Ltd","said ""hi""\nthen left"\r\n';
    expect(parseContactCsv(csv)).toEqual({
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

  it('reports bad rows with the row number a spreadsheet shows, and skips blank rows', () => {
    const csv = ['email,firstName', 'ok@example.com,A', '', 'not-an-email,B', ',,', 'ok@example.com,C', 'x@example.com,"D\r\nE"', 'y@example.com'].join('\n');
    const { rows, rejected } = parseContactCsv(csv);
    expect(rows.map((row) => [row.row, row.email])).toEqual([[2, 'ok@example.com']]);
    expect(rejected).toEqual([
      { row: 4, email: 'not-an-email', reason: 'not a valid email address' },
      { row: 6, email: 'ok@example.com', reason: 'duplicate of row 2' },
      { row: 7, email: 'x@example.com', reason: 'firstName must not contain line breaks' },
      { row: 8, email: 'y@example.com', reason: 'the row has 1 fields but the header has 2' },
    ]);
  });

  it('leaves blank cells out, so they never erase stored values', () => {
    const { rows } = parseContactCsv('email,first_name,plan\nada@example.com,,\n');
    expect(rows[0]).toMatchObject({ firstName: null, lastName: null, attributes: {} });
  });

  it('reads semicolon-separated files, as European spreadsheets save them', () => {
    const { rows } = parseContactCsv('email;first_name;city\nada@example.com;Ada;Lisboa, PT\n');
    expect(rows[0]).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', attributes: { city: 'Lisboa, PT' } });
  });

  it('takes a stray quote inside a field literally instead of losing the rest of the file', () => {
    const { rows, rejected } = parseContactCsv('email,name\n"bad"x@example.com,q\nok@example.com,r\n');
    expect(rejected).toEqual([{ row: 2, email: '"bad"x@example.com', reason: 'not a valid email address' }]);
    expect(rows.map((row) => row.email)).toEqual(['ok@example.com']);
  });

  it.each([
    ['', /The CSV is empty/],
    ['name,company\nAda,X\n', /no email column \(found: name, company\)/],
    ['email,Email\na@example.com,b@example.com\n', /names the same column twice: "email" and "Email"/],
    ['email,name\n"a@example.com,unterminated\n', /quoted field opened in row 2 is never closed/],
  ])('refuses a file it cannot read: %j', (csv, message) => {
    expect(() => parseContactCsv(csv)).toThrow(CsvFileError);
    expect(() => parseContactCsv(csv)).toThrow(message);
  });
});

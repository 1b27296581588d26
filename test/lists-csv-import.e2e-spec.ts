import { DataSource } from 'typeorm';
import { createContact, createList } from './support/contact-factory';
import { listPaths } from './support/list-paths';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

// A small cap, so that files over and under it stay quick to build and import.
const MAX_ROWS = 2500;

describe('CSV import into a list', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const { lists, members } = listPaths(() => ws);

  beforeAll(async () => {
    t = await startTestApp({ env: { CSV_IMPORT_MAX_ROWS: String(MAX_ROWS) } });
  });
  beforeEach(async () => {
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  const importCsv = (list: { id: string }, body: string | Buffer, type = 'text/csv') =>
    t.http
      .post(lists(`/${list.id}/import`))
      .set(bearer(ws.adminKey))
      .set('Content-Type', type)
      .send(body);

  it('imports quoted fields, a BOM and extra columns as attributes, reporting bad rows by row number', async () => {
    const list = await createList(t, ws);
    await createContact(t, ws, { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', attributes: { team: 'navy' } });
    const csv =
      '\uFEFFemail,first_name,lastName,Company,Plan\r\n' +
      '"Ada@Example.com","Ada","Lovelace","Analytical Engines, Ltd",pro\r\n' + // row 2
      'grace@example.com,,,"Remington ""Rand""",\r\n' + // row 3: blank names keep the stored ones
      'not-an-email,Bad,Row,X,Y\r\n' + // row 4
      '\r\n' + // row 5: blank
      'ada@example.com,Again,,,\r\n' + // row 6: duplicate
      'linus@example.com,"Li\nnus",T,,\r\n' + // row 7: line break in a name
      'short@example.com,S\r\n' + // row 8: too few fields
      ',NoEmail,,,\r\n'; // row 9
    const response = await importCsv(list, csv).expect(200);
    expect(response.body).toEqual({
      imported: 1,
      updated: 1,
      added: 2,
      alreadyMembers: 0,
      rejectedCount: 5,
      rejected: [
        { row: 4, email: 'not-an-email', reason: 'not a valid email address' },
        { row: 6, email: 'ada@example.com', reason: 'duplicate of row 2' },
        { row: 7, email: 'linus@example.com', reason: 'first_name must not contain line breaks' },
        { row: 8, email: 'short@example.com', reason: 'the row has 2 fields but the header has 5' },
        { row: 9, email: null, reason: 'email is empty' },
      ],
    });

    const page = await t.http.get(members(list)).set(bearer(ws.adminKey)).expect(200);
    const byEmail = Object.fromEntries(page.body.data.map((m: { email: string }) => [m.email, m]));
    expect(byEmail['ada@example.com']).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: { Company: 'Analytical Engines, Ltd', Plan: 'pro' },
      status: 'subscribed',
    });
    expect(byEmail['grace@example.com']).toMatchObject({
      firstName: 'Grace',
      lastName: 'Hopper',
      attributes: { team: 'navy', Company: 'Remington "Rand"' },
    });
  });

  it('refuses a file without an email column, naming what it found', async () => {
    const list = await createList(t, ws);
    const response = await importCsv(list, 'name,company\nAda,X\n').expect(400);
    expect(response.body.message).toEqual([
      'The header row has no email column (found: name, company); name the column with the addresses "email"',
    ]);
  });

  it('refuses a body that is not sent as text/csv', async () => {
    const list = await createList(t, ws);
    const response = await t.http
      .post(lists(`/${list.id}/import`))
      .set(bearer(ws.adminKey))
      .send({ email: 'a@example.com' })
      .expect(415);
    expect(response.body.message).toBe('Send the file as the request body with Content-Type: text/csv (got application/json)');
  });

  it('refuses a file that is not UTF-8', async () => {
    const list = await createList(t, ws);
    const latin1 = Buffer.from('email,first_name\nzoe@example.com,Zo\xe9\n', 'latin1');
    const response = await importCsv(list, latin1).expect(400);
    expect(response.body.message).toEqual(['The CSV is not valid UTF-8; save it as "CSV UTF-8" and upload it again']);
  });

  it('answers 413 with a clear message for a body over 5 MB', async () => {
    const list = await createList(t, ws);
    const row = 'someone.with.a.long.address@example.com,First,Last\n';
    const csv = 'email,first_name,last_name\n' + row.repeat(Math.ceil((5 * 1024 * 1024) / row.length) + 10);
    const response = await importCsv(list, csv).expect(413);
    expect(response.body.message).toBe('The CSV is larger than 5 MB; split it into smaller files and import each');
  });

  it('answers 413, not 500, for a body over 5 MB sent in chunks without a Content-Length', async () => {
    const list = await createList(t, ws);
    // Written piece by piece before the end, the body goes out with Transfer-Encoding: chunked.
    const request = t.http
      .post(lists(`/${list.id}/import`))
      .set(bearer(ws.adminKey))
      .set('Content-Type', 'text/csv');
    const chunk = 'someone.with.a.long.address@example.com,First,Last\n'.repeat(1024);
    request.write('email,first_name,last_name\n');
    for (let sent = 0; sent <= 5 * 1024 * 1024; sent += chunk.length) request.write(chunk);
    const response = await request;
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('The CSV is larger than 5 MB; split it into smaller files and import each');
  });

  const contactRows = (count: number, domain = 'example.com') =>
    'email,first_name\n' + Array.from({ length: count }, (_, i) => `person${i}@${domain},P${i}\n`).join('');
  const countIn = async (sql: string) => {
    const [{ count }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS count FROM ${sql}`, [ws.id]);
    return count as number;
  };

  it('refuses a file of more rows than CSV_IMPORT_MAX_ROWS with a 413 naming the limit, importing none of it', async () => {
    const list = await createList(t, ws);
    const response = await importCsv(list, contactRows(MAX_ROWS + 1)).expect(413);
    expect(response.body.message).toBe(
      `The CSV has more than ${MAX_ROWS} rows, the most one import takes (CSV_IMPORT_MAX_ROWS); nothing was imported: split it into smaller files and import each`,
    );
    expect(await countIn('contacts WHERE workspace_id = $1')).toBe(0);
    expect(await countIn('list_memberships WHERE workspace_id = $1')).toBe(0);
  });

  it('imports a file of exactly CSV_IMPORT_MAX_ROWS rows, every one of them', async () => {
    const list = await createList(t, ws);
    await createContact(t, ws, { email: 'person7@example.com', firstName: 'Seven' });
    const response = await importCsv(list, contactRows(MAX_ROWS)).expect(200);
    expect(response.body).toEqual({
      imported: MAX_ROWS - 1,
      updated: 1,
      added: MAX_ROWS,
      alreadyMembers: 0,
      rejected: [],
      rejectedCount: 0,
    });
    expect(await countIn('list_memberships WHERE workspace_id = $1')).toBe(MAX_ROWS);
  });

  it('imports nothing when the file turns out unreadable after its first rows', async () => {
    const list = await createList(t, ws);
    const csv = contactRows(MAX_ROWS - 1) + '"unterminated@example.com,X\n';
    const response = await importCsv(list, csv).expect(400);
    expect(response.body.message).toEqual([`A quoted field opened in row ${MAX_ROWS + 1} is never closed: the file ends inside quotes`]);
    expect(await countIn('contacts WHERE workspace_id = $1')).toBe(0);
  });

  it('answers 409 instead of holding a shared connection while another bulk write of the workspace runs', async () => {
    const list = await createList(t, ws);
    // What a running import holds for its transaction, taken here from a connection of the test's own.
    const holder = t.app.get(DataSource).createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(7246312, hashtext($1))', [ws.id]);
    try {
      const refused = await importCsv(list, contactRows(3)).expect(409);
      expect(refused.body.message).toMatch(/Another CSV import or bulk add of this workspace's contacts is running/);
      await t.http
        .post(members(list))
        .set(bearer(ws.adminKey))
        .send({ emails: ['waits@example.com'] })
        .expect(409);
    } finally {
      await holder.query('SELECT pg_advisory_unlock(7246312, hashtext($1))', [ws.id]);
      await holder.release();
    }
    await importCsv(list, contactRows(3)).expect(200);
    expect(await countIn('contacts WHERE workspace_id = $1')).toBe(3);
  });
});

import { AcceptedMessagesWriter } from '../apps/api/src/messages/accepted-messages.writer';
import { createList } from './support/contact-factory';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

// PostgreSQL refuses U+0000 in text and jsonb: each of these reached the database and answered 500.
describe('the NUL character is refused at validation, naming the field', () => {
  let t: TestApp;
  let ws: SendingWorkspace;
  const messages = () => `/v1/workspaces/${ws.id}/messages`;
  const valid = { to: ['alice@example.com'], subject: 'Hello', text: 'Hi' };
  const nul = (field: string) => [`${field} must not contain the NUL character (\\u0000)`];

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createSendingWorkspace(t, { integration: { senders: [{ name: 'Support', email: 'support@example.com' }] } });
  });
  afterAll(() => t.close());

  it('in a workspace name', async () => {
    const response = await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).send({ name: 'Ac\u0000me' }).expect(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: nul('name') });
  });

  it.each([
    [{ ...valid, subject: 'He\u0000llo' }, nul('subject')],
    [{ ...valid, text: undefined, html: '<p>\u0000</p>' }, nul('html')],
    [{ ...valid, to: [{ email: 'alice@example.com', name: 'Al\u0000ice' }] }, nul('to[0].name')],
    [{ ...valid, subject: '\u0000', text: '\u0000' }, [...nul('subject'), ...nul('text')]],
  ])('in a send: %j', async (body, message) => {
    const response = await t.http.post(messages()).set(bearer(ws.sendKey)).send(body).expect(400);
    expect(response.body.message).toEqual(message);
  });

  it('in contact fields, attribute values and attribute names', async () => {
    const contacts = `/v1/workspaces/${ws.id}/contacts`;
    const post = (body: object) => t.http.post(contacts).set(bearer(ws.adminKey)).send(body).expect(400);
    expect((await post({ email: 'ada@example.com', firstName: 'A\u0000da' })).body.message).toEqual(nul('firstName'));
    expect((await post({ email: 'ada@example.com', attributes: { plan: 'pro\u0000' } })).body.message).toEqual(nul('attributes.plan'));
    expect((await post({ email: 'ada@example.com', attributes: { ['pl\u0000an']: 'pro' } })).body.message).toEqual(
      nul('attributes.pl\\u0000an'),
    );
  });

  it('in a list name sent as a form instead of JSON', async () => {
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/lists`)
      .set(bearer(ws.adminKey))
      .type('form')
      .send('name=News%00letter')
      .expect(400);
    expect(response.body.message).toEqual(nul('name'));
  });

  it('refuses JSON in another charset than UTF-8, where the escape would not be visible to the scan', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'News\u0000' }), 'utf16le');
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/lists`)
      .set(bearer(ws.adminKey))
      .set('Content-Type', 'application/json; charset=utf-16le')
      .serialize(() => body as unknown as string)
      .send({})
      .expect(415);
    expect(response.body.message).toBe('Send JSON as UTF-8 (got charset utf-16le)');
  });

  it('in a query string', async () => {
    const response = await t.http.get(`${messages()}?to=a%00@example.com`).set(bearer(ws.adminKey)).expect(400);
    expect(response.body.message).toEqual(['to must not contain the NUL character (%00)']);
  });

  it('in a path parameter', async () => {
    const response = await t.http.delete(`/v1/workspaces/${ws.id}/suppressions/a%00@example.com`).set(bearer(ws.adminKey)).expect(400);
    expect(response.body.message).toEqual(['the URL path must not contain the NUL character (%00)']);
  });

  it('in a CSV import: a cell rejects its row, a column name the file', async () => {
    const list = await createList(t, ws, 'Imported');
    const importCsv = (csv: string) =>
      t.http.post(`/v1/workspaces/${ws.id}/lists/${list.id}/import`).set(bearer(ws.adminKey)).set('Content-Type', 'text/csv').send(csv);
    const cells = await importCsv(
      'email,first_name,plan\nada@example.com,A\u0000da,pro\nbob@example.com,Bob,p\u0000ro\neve@example.com,Eve,pro\n',
    ).expect(200);
    expect(cells.body).toMatchObject({
      imported: 1,
      rejected: [
        { row: 2, email: 'ada@example.com', reason: 'first_name must not contain the NUL character (\\u0000)' },
        { row: 3, email: 'bob@example.com', reason: 'plan must not contain the NUL character (\\u0000)' },
      ],
    });
    const header = await importCsv('email,pl\u0000an\nada@example.com,pro\n').expect(400);
    expect(header.body.message).toEqual(['A column name must not contain the NUL character (\\u0000)']);
  });

  it('accepts the six characters \\u0000 written as text, which are no NUL', async () => {
    const list = await createList(t, ws, 'Escaped \\u0000 is text');
    expect(list.name).toBe('Escaped \\u0000 is text');
  });

  it('fails only the send that holds a NUL, which never joins a group-commit batch', async () => {
    const write = jest.spyOn(t.app.get(AcceptedMessagesWriter), 'write');
    const good = Array.from({ length: 20 }, (_, i) => ({ ...valid, subject: `Batch ${i}` }));
    const responses = await Promise.all(
      [...good.slice(0, 10), { ...valid, subject: 'Bad \u0000' }, ...good.slice(10)].map((body) =>
        t.http
          .post(messages())
          .set(bearer(ws.sendKey))
          .send(body)
          .then((response) => response),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([...Array(10).fill(202), 400, ...Array(10).fill(202)]);
    expect(responses[10]!.body.message).toEqual(nul('subject'));
    expect(write).toHaveBeenCalledTimes(20);
    write.mockRestore();
  });
});

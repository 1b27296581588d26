import { Client } from 'pg';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace } from './support/workspace-factory';

// Group commit puts every batched body into one statement: a failed one used to log them all.
describe('a failed query is logged without its parameters or the rows it held', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const secret = 'reset-link-6f1d2c9a-secret';

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
    ws = await createSendingWorkspace(t, { integration: { senders: [{ name: 'Support', email: 'support@example.com' }] } });
    // A constraint the insert breaks: PostgreSQL's error then carries the failing row in `detail`.
    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    await db.query(`ALTER TABLE messages ADD CONSTRAINT forced_failure CHECK (subject <> 'fail now')`);
    await db.end();
  });
  afterAll(() => t.close());

  it('answers 500 and logs the error with its SQL, but no parameter value', async () => {
    const send = (subject: string) =>
      t.http
        .post(`/v1/workspaces/${ws.id}/messages`)
        .set(bearer(ws.adminKey))
        .send({ to: ['a@example.com'], subject, html: `<a href="https://example.com/${secret}">Reset</a>` });
    const responses = await Promise.all([send('fail now'), send('fail now')]);
    expect(responses.map((response) => response.status)).toEqual([500, 500]);

    const errorLines = t.logs.map((line) => JSON.parse(line) as { msg?: string; err?: Record<string, unknown> }).filter((line) => line.err);
    const queryFailed = errorLines.find((line) => line.err?.type === 'QueryFailedError');
    expect(queryFailed).toMatchObject({ msg: 'unhandled error', err: { code: '23514', constraint: 'forced_failure' } });
    expect(queryFailed!.err!.query).toEqual(expect.stringContaining('INSERT INTO'));
    const leaking = t.logs.filter((line) => line.includes(secret)).map((line) => line.slice(0, 2000));
    expect(leaking).toEqual([]);
  });
});

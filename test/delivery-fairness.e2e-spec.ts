import { Client } from 'pg';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace } from './support/workspace-factory';

const BACKLOG = 50_000;
const BATCH = 1000;

async function queueBacklog(t: TestApp, ws: CreatedWorkspace): Promise<void> {
  for (let offset = 0; offset < BACKLOG; offset += BATCH) {
    const messages = Array.from({ length: BATCH }, (_, index) => ({
      to: [`bulk${offset + index}@example.com`],
      subject: 'Burst',
      text: 'x',
    }));
    await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.adminKey)).send({ messages }).expect(202);
  }
}

describe('fair delivery across workspaces', () => {
  let smtp: FakeSmtpServer;
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    t = await startTestApp();
    db = new Client({ connectionString: t.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await smtp.stop();
  });

  // The order is the property, not the wall clock: on a loaded CI host a 5 s bound failed now and
  // then while B still went ahead of A's line. Half of A's backlog is what B may wait behind at most.
  it("delivers workspace B's single send before half of workspace A's 50,000 queued transactional messages", async () => {
    const a = await createSendingWorkspace(t, { smtp, name: 'Bulk sender' });
    const b = await createSendingWorkspace(t, { smtp, name: 'Password resets' });
    await queueBacklog(t, a);
    await t.startWorker();

    const accepted = await t.http
      .post(`/v1/workspaces/${b.id}/messages`)
      .set(bearer(b.adminKey))
      .send({ to: ['reset@example.com'], subject: 'Reset', text: 'x' })
      .expect(202);
    const readStatus = async () =>
      (await db.query<{ status: string }>('SELECT status FROM "public"."messages" WHERE id = $1', [accepted.body.id])).rows[0]!.status;
    const status = await pollUntil("workspace B's send delivered", readStatus, (current) => current === 'sent', {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) AS count FROM "public"."messages" WHERE workspace_id = $1 AND status = 'queued'`,
      [a.id],
    );

    expect(status).toBe('sent');
    // B went ahead of A's line, not after it.
    expect(Number(rows[0]!.count)).toBeGreaterThan(BACKLOG / 2);
  }, 120_000);
});

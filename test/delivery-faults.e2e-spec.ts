import { Client } from 'pg';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace } from './support/sending-workspace';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace } from './support/workspace-factory';

const MESSAGES = 600;
const CONCURRENCY = 20;
// 100 messages a second: the run lasts six seconds, so an outage of a few seconds falls inside it.
const RATE_PER_MINUTE = 6000;
const OUTAGE_MS = 4000;

/** Messages by status, read straight from the test database (not through the proxy the app uses). */
async function statusCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; count: string }>(
      'SELECT status, count(*) AS count FROM "public"."messages" GROUP BY status',
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  } finally {
    await client.end();
  }
}

/** Resolves once no message is queued or sending any more, or fails with the counts after `timeoutMs`. */
function allFinished(databaseUrl: string, timeoutMs: number): Promise<Record<string, number>> {
  return pollUntil(
    'every message sent or failed',
    () => statusCounts(databaseUrl),
    (counts) => !counts.queued && !counts.sending,
    { timeoutMs, intervalMs: 200 },
  );
}

async function sendBatch(t: TestApp, ws: CreatedWorkspace, count: number): Promise<string[]> {
  const messages = Array.from({ length: count }, (_, index) => ({
    to: [`reader${index}@example.com`],
    subject: `Fault ${index}`,
    text: 'x',
  }));
  const response = await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.adminKey)).send({ messages }).expect(202);
  return (response.body.data as Array<{ id: string }>).map((message) => message.id);
}

function receivedOnce(smtp: FakeSmtpServer): { distinct: number; duplicates: number } {
  const recipients = smtp.messages.flatMap((message) => message.envelope.rcptTo);
  const distinct = new Set(recipients).size;
  return { distinct, duplicates: recipients.length - distinct };
}

describe('no accepted message is lost when a backing service goes away mid-delivery', () => {
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
  });
  afterAll(() => smtp.stop());
  beforeEach(() => smtp.messages.splice(0));

  const faultEnv = {
    WORKER_CONCURRENCY_TRANSACTIONAL: String(CONCURRENCY),
    DELIVERY_JOB_BACKOFF_MS: '100',
    OUTCOME_WRITE_RETRY_MS: '100',
    SENDING_LEASE_MS: '3000',
    WORKER_LOCK_DURATION_MS: '2000',
  };

  // Each service is reached through a proxy of its own, so cutting it touches this app alone.
  const cutOff: Record<'Postgres' | 'Redis', { port: number; appOptions: (proxyPort: number) => Parameters<typeof startTestApp>[0] }> = {
    Postgres: { port: 5432, appOptions: (proxyPort) => ({ databasePort: proxyPort, env: faultEnv }) },
    Redis: { port: 6379, appOptions: (proxyPort) => ({ env: { ...faultEnv, REDIS_URL: `redis://127.0.0.1:${proxyPort}` } }) },
  };

  it.each(['Postgres', 'Redis'] as const)(
    'delivers every message once (duplicates within one in-flight window) after %s is cut for seconds',
    async (service) => {
      const proxy = new TcpProxy(cutOff[service].port);
      const t = await startTestApp(cutOff[service].appOptions(await proxy.start()));
      try {
        const ws = await createSendingWorkspace(t, { smtp, integration: { rateLimitPerMinute: RATE_PER_MINUTE } });
        const ids = await sendBatch(t, ws, MESSAGES);
        await t.startWorker();

        // The cut falls mid-run: once the SMTP server has accepted a sixth of the messages.
        await smtp.waitForMessages(100, 30_000);
        proxy.cut();
        // Kept a fixed wait: the outage's length is what this spec is about; it waits for nothing.
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        proxy.restore();

        const counts = await allFinished(t.database.url, 60_000);
        expect(counts).toEqual({ sent: ids.length });
        const { distinct, duplicates } = receivedOnce(smtp);
        expect(distinct).toBe(MESSAGES);
        expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
      } finally {
        proxy.restore();
        await t.close();
        await proxy.stop();
      }
    },
    90_000,
  );

  it('answers 202 for a send whose row is committed while Redis is away, and delivers it once Redis is back', async () => {
    const redis = new TcpProxy(6379);
    const t = await startTestApp({ worker: true, env: { ...faultEnv, REDIS_URL: `redis://127.0.0.1:${await redis.start()}` } });
    try {
      const ws = await createSendingWorkspace(t, { smtp });
      // Warm the caches a send reads before it commits, so the outage only hits the enqueue.
      await t.http
        .post(`/v1/workspaces/${ws.id}/messages`)
        .set(bearer(ws.adminKey))
        .send({ to: ['warm@example.com'], subject: 'warm', text: 'x' })
        .expect(202);
      await allFinished(t.database.url, 10_000);

      redis.cut();
      const response = await t.http
        .post(`/v1/workspaces/${ws.id}/messages`)
        .set(bearer(ws.adminKey))
        .send({ to: ['during-outage@example.com'], subject: 'Outage', text: 'x' });
      const committed = await statusCounts(t.database.url);
      // Either the row is committed and the answer says so, or nothing was committed and the client may retry.
      if (response.status === 503) expect(committed).toEqual({ sent: 1 });
      else expect(response.status).toBe(202);
      redis.restore();

      const counts = await allFinished(t.database.url, 30_000);
      expect(counts).toEqual({ sent: response.status === 202 ? 2 : 1 });
    } finally {
      redis.restore();
      await t.close();
      await redis.stop();
    }
  }, 60_000);
});

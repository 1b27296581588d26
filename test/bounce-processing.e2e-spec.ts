import { DataSource } from 'typeorm';
import type { MessageResponse } from '../apps/api/src/messages/message.response';
import { DeliveryWatcher } from './support/delivery-watcher';
import { DovecotServer } from './support/dovecot-server';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { WebhookReceiver } from './support/webhook-receiver';
import { step } from './support/integration-factory';
import type { Json } from './support/json-body';
import { pollUntil } from './support/poll-until';
import { returnEveryReport } from './support/returned-reports';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

const MAILBOX = 'bounces@example.com';
const MAILBOX_PASSWORD = 'Watched-Mailbox-Passw0rd';

/**
 * Bounce processing against Debian's Dovecot on loopback: Mailroom sends, the reports a real
 * mailbox would get come back to the watched mailbox, and the worker reads them over IMAP.
 */
describe('bounce processing over IMAP', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let dovecot: DovecotServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;
  let receiver: WebhookReceiver;
  let webhookId: string;

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const send = async (body: Record<string, unknown>) =>
    (await t.http.post(api('/messages')).set(bearer(ws.sendKey)).send(body).expect(202)).body.id as string;
  const message = async (id: string): Promise<Json<MessageResponse>> =>
    (
      await t.http
        .get(api(`/messages/${id}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
  const sent = async (to: string, type: 'transactional' | 'marketing' = 'transactional') => {
    const id = await send({ type, to: [to], subject: `Hello ${to}`, text: 'Hello', html: '<p>Hello</p>' });
    await watcher.finished([id]);
    return message(id);
  };

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    dovecot = await DovecotServer.start({ users: [{ name: MAILBOX, password: MAILBOX_PASSWORD }] });
    t = await startTestApp({
      worker: true,
      env: { BOUNCE_LEASE_MS: '900', BOUNCE_POLL_INTERVAL_MS: '200', BOUNCED_ADDRESSES_CACHE_MS: '0' },
    });
    watcher = await DeliveryWatcher.start(t);
    // A second worker on the same database and Redis: each mailbox is still read by one of them, each report counted once.
    await t.startWorker();
    receiver = await WebhookReceiver.start();
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: {
        usage: { transactional: true, marketing: true },
        bounces: {
          enabled: true,
          host: dovecot.host,
          port: dovecot.imapsPort,
          security: 'tls',
          auth: { type: 'basic', username: MAILBOX, password: MAILBOX_PASSWORD },
        },
      },
    });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await receiver.stop();
    await dovecot.stop();
    await smtp.stop();
  });

  beforeAll(async () => {
    const created = await t.http
      .post(api('/webhooks'))
      .set(bearer(ws.adminKey))
      .send({ url: receiver.url(), events: ['message.bounced', 'message.complained'] })
      .expect(201);
    receiver.secret = created.body.secret;
    webhookId = created.body.id;
  });

  it('the integration test logs in to the watched mailbox as its imap step', async () => {
    const result = (
      await t.http
        .post(api(`/integrations/${ws.integration.id}/test`))
        .set(bearer(ws.adminKey))
        .send({})
        .expect(200)
    ).body;
    expect(result.ok).toBe(true);
    expect(step(result, 'imap')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/logged in to .* as bounces@example\.com; INBOX holds \d+ message/),
    });
  });

  it('sends with the watched mailbox as envelope sender, the From unchanged', async () => {
    const hello = await sent('first@example.net');
    const envelope = smtp.envelopes.find((candidate) => candidate.rcptTo.includes('first@example.net'))!;
    expect(envelope.mailFrom).toBe(MAILBOX);
    expect(hello.from.email).toBe('support@example.com');
  });

  it('matches each report to its message: hard bounces mark it bounced and suppress, the soft one is an event, the complaint suppresses, the reply stays', async () => {
    const { sent: about } = await returnEveryReport({ dovecot, mailbox: MAILBOX, domain: 'example.net', send: (to) => sent(to), message });
    const [exchange, gmail, postfix, complainer] = [
      about['gone-exchange']!,
      about['gone-gmail']!,
      about['gone-postfix']!,
      about.complainer!,
    ];
    const listed = async (query: string) =>
      (
        (
          await t.http
            .get(api(`/messages?${query}`))
            .set(bearer(ws.adminKey))
            .expect(200)
        ).body.data as Array<{ id: string }>
      ).map((row) => row.id);
    await expect(listed('complained=true')).resolves.toEqual([complainer.id]);
    expect((await listed('status=bounced')).sort()).toEqual([exchange.id, gmail.id, postfix.id].sort());

    const suppressions = (await t.http.get(api('/suppressions')).set(bearer(ws.adminKey)).expect(200)).body.data as Array<{
      email: string;
      reason: string;
    }>;
    expect(suppressions.map(({ email, reason }) => `${email} ${reason}`).sort()).toEqual([
      'complainer@example.net complaint',
      'gone-exchange@example.net bounce',
      'gone-gmail@example.net bounce',
      'gone-postfix@example.net bounce',
    ]);

    // Webhooks: each bounce (with its kind) and the complaint, signed, naming the message and the recipient.
    await receiver.waitUntil('four bounces and a complaint', (received) => received.length >= 5);
    expect(receiver.received.every((webhook) => webhook.verified)).toBe(true);
    expect(
      receiver.received
        .map((webhook) => `${webhook.type} ${webhook.data.recipient} ${webhook.data.kind ?? webhook.data.feedbackType}`)
        .sort(),
    ).toEqual([
      'message.bounced full@example.net soft',
      'message.bounced gone-exchange@example.net hard',
      'message.bounced gone-gmail@example.net hard',
      'message.bounced gone-postfix@example.net hard',
      'message.complained complainer@example.net abuse',
    ]);
    expect(receiver.received.find((webhook) => webhook.data.recipient === 'gone-postfix@example.net')!.data.messageId).toBe(postfix.id);

    const integration = (
      await t.http
        .get(api(`/integrations/${ws.integration.id}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    expect(integration.bounces.status).toMatchObject({ state: 'ok', lastError: null, lastCheckedAt: expect.any(String) });
  });

  it('the next marketing and transactional mail to a hard-bounced address is suppressed; transactional goes again when the workspace says so', async () => {
    expect((await sent('gone-exchange@example.net', 'marketing')).status).toBe('suppressed');
    expect((await sent('gone-exchange@example.net')).status).toBe('suppressed');
    expect((await sent('full@example.net')).status).toBe('sent');

    await t.http.patch(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).send({ suppressTransactionalOnBounce: false }).expect(200);
    expect((await sent('gone-exchange@example.net')).status).toBe('sent');
    expect((await sent('gone-exchange@example.net', 'marketing')).status).toBe('suppressed');
  });

  it('counts bounces and complaints on the overview', async () => {
    const stats = (await t.http.get(api('/stats?period=24h')).set(bearer(ws.adminKey)).expect(200)).body;
    expect(stats.totals.transactional).toMatchObject({ bounced: 3, complained: 1 });
  });

  it('a report delivered again is not counted twice', async () => {
    const [first] = await dovecot.messages(MAILBOX, 'Mailroom/Processed');
    await dovecot.deliver(MAILBOX, 'INBOX', first!.raw);
    await pollUntil(
      'the copy moved',
      () => dovecot.messages(MAILBOX, 'Mailroom/Processed'),
      (moved) => moved.length === 6,
      {
        timeoutMs: 20_000,
      },
    );
    const stats = (await t.http.get(api('/stats?period=24h')).set(bearer(ws.adminKey)).expect(200)).body;
    expect(stats.totals.transactional).toMatchObject({ bounced: 3, complained: 1 });
  });

  it('erasing a bounced recipient leaves nothing of the address in the message, its events or their reports, and keeps it suppressed', async () => {
    const bounced = (await t.http.get(api('/messages?status=bounced')).set(bearer(ws.adminKey)).expect(200)).body.data as Array<{
      id: string;
      to: Array<{ email: string }>;
    }>;
    const target = bounced.find((listed) => listed.to[0]?.email === 'gone-postfix@example.net')!;
    const requested = await t.http.delete(api('/recipients/gone-postfix%40example.net')).set(bearer(ws.adminKey)).expect(202);
    await pollUntil(
      'the erasure',
      async () =>
        (
          await t.http
            .get(api(`/recipient-erasures/${requested.body.id}`))
            .set(bearer(ws.adminKey))
            .expect(200)
        ).body,
      (erasure) => erasure.status === 'completed',
    );
    const after = await message(target.id);
    expect(JSON.stringify(after)).not.toContain('gone-postfix');
    expect(after.events.find((event) => event.type === 'bounce')).toEqual({ type: 'bounce', at: expect.any(String) });
    expect((await sent('gone-postfix@example.net', 'marketing')).status).toBe('suppressed');
    // The webhook events that named it are gone too, delivery log and all.
    const log = await t.http
      .get(api(`/webhooks/${webhookId}/deliveries`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(JSON.stringify(log.body)).not.toContain('gone-postfix');
    const named = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "public"."webhook_events" WHERE body LIKE '%gone-postfix%'`);
    expect(named[0].n).toBe(0);
  });
});

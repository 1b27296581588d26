import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessagesRepository } from '@app/messages';
import { DeliveryProducer } from '@app/queue';
import { trustedWorkspaceId } from '@app/tenancy';
import { createList } from './support/contact-factory';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const RECIPIENTS = 150;

describe('broadcast slices', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends a recipient once when both its slice and a job of its own (the outbox reconciler) reach it', async () => {
    const ws = await createWorkspace(t);
    const integration = await createIntegration(
      t,
      ws,
      basicIntegration({ port: smtp.port, security: 'none', auth: { type: 'none' }, usage: { transactional: false, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] }),
    );
    // An empty list: the broadcast is `sending`, and the only messages are the ones made below.
    const list = await createList(t, ws, 'Empty');
    const api = `/v1/workspaces/${ws.id}/broadcasts`;
    const broadcast = (await t.http.post(api).set(bearer(ws.adminKey)).send({ name: 'Twice', listId: list.id, subject: 'Once [slices]', html: '<p>hi</p>' }).expect(201)).body;
    await t.http.post(`${api}/${broadcast.id}/send`).set(bearer(ws.adminKey)).send({}).expect(200);

    const recipients = Array.from({ length: RECIPIENTS }, (_, index) => ({
      id: randomUUID(),
      contactId: randomUUID(),
      to: { email: `twice${index}@example.com` },
      subject: 'Once [slices]',
    }));
    const messageIds = recipients.map((recipient) => recipient.id);
    await t.app.get(MessagesRepository, { strict: false }).insertBroadcastRecipients(
      trustedWorkspaceId(ws.id),
      { broadcastId: broadcast.id, listId: list.id, integrationId: integration.id, fromEmail: 'news@example.com', fromName: null, trackingOpens: false, trackingClicks: false },
      recipients,
    );
    const producer = t.app.get(DeliveryProducer, { strict: false });
    await producer.enqueueBroadcastRecipients(ws.id, broadcast.id, messageIds);
    await producer.enqueue(messageIds.map((messageId) => ({ workspaceId: ws.id, messageId, type: 'marketing' as const })));

    const watcher = await DeliveryWatcher.start(t);
    await t.startWorker();
    // Every single job has finished (sent, or skipped because a slice held or had sent it) ...
    await watcher.finished(messageIds);
    await watcher.close();
    await smtp.waitForMessages(RECIPIENTS, 10_000);
    // ... and once every message is recorded sent, no slice can claim one again.
    let counts: Record<string, number> = {};
    for (let attempt = 0; attempt < 200 && counts.sent !== RECIPIENTS; attempt++) {
      if (attempt > 0) await sleep(25); // the slices' writes land in another context's batches; nothing to subscribe to
      counts = (await t.http.get(`${api}/${broadcast.id}`).set(bearer(ws.adminKey)).expect(200)).body.counts;
    }
    expect(counts).toMatchObject({ sent: RECIPIENTS, queued: 0, failed: 0 });

    const delivered = smtp.messages.filter((message) => message.headers.subject === 'Once [slices]').map((message) => message.envelope.rcptTo[0]);
    expect(delivered).toHaveLength(RECIPIENTS);
    expect(new Set(delivered).size).toBe(RECIPIENTS);
  });
});

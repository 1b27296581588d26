import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MessagesRepository } from '@app/messages';
import { DeliveryProducer } from '@app/queue';
import { trustedWorkspaceId } from '@app/workspace-id';
import { createList } from './support/contact-factory';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

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

  /** A `sending` broadcast to an empty list, and `count` messages of it made directly, as a fan-out would. */
  async function broadcastWithMessages(marker: string, count: number) {
    const ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: false, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    const { integration } = ws;
    const list = await createList(t, ws, 'Empty');
    const path = `/v1/workspaces/${ws.id}/broadcasts`;
    const broadcast = (
      await t.http
        .post(path)
        .set(bearer(ws.adminKey))
        .send({ name: marker, listId: list.id, subject: marker, html: '<p>hi</p>' })
        .expect(201)
    ).body;
    await t.http.post(`${path}/${broadcast.id}/send`).set(bearer(ws.adminKey)).send({}).expect(200);
    const recipients = Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      contactId: randomUUID(),
      to: { email: `${index}-${marker}@example.com` },
      subject: marker,
    }));
    await t.app.get(MessagesRepository, { strict: false }).insertBroadcastRecipients(
      trustedWorkspaceId(ws.id),
      {
        broadcastId: broadcast.id,
        listId: list.id,
        integrationId: integration.id,
        fromEmail: 'news@example.com',
        fromName: null,
        trackingOpens: false,
        trackingClicks: false,
      },
      recipients,
    );
    const target = { workspaceId: trustedWorkspaceId(ws.id), broadcastId: broadcast.id, integrationId: integration.id };
    const counts = async (): Promise<Record<string, number>> =>
      (await t.http.get(`${path}/${broadcast.id}`).set(bearer(ws.adminKey)).expect(200)).body.counts;
    return { target, messageIds: recipients.map((recipient) => recipient.id), counts };
  }

  /** Waits until every message is recorded sent (the sink sees a mail before its status is written). */
  async function allSent(counts: () => Promise<Record<string, number>>, expected: number) {
    // The worker's writes land in batches in another context; nothing announces them.
    const now = await pollUntil(`${expected} messages recorded sent`, counts, (current) => current.sent === expected);
    expect(now).toMatchObject({ sent: expected, queued: 0, failed: 0 });
  }

  const deliveredTo = (marker: string) =>
    smtp.messages.filter((message) => message.headers.subject === marker).map((message) => message.envelope.rcptTo[0]);

  it('sends a recipient once when both its slice and a job of its own (the outbox reconciler) reach it', async () => {
    const { target, messageIds, counts } = await broadcastWithMessages('both-ways', RECIPIENTS);
    const producer = t.app.get(DeliveryProducer, { strict: false });
    await producer.enqueueBroadcastRecipients(target, messageIds);
    await producer.enqueue(messageIds.map((messageId) => ({ workspaceId: target.workspaceId, messageId, type: 'marketing' as const })));

    const watcher = await DeliveryWatcher.start(t);
    const worker = await t.startWorker();
    // Every single job has finished (sent, or skipped because a slice held or had sent it) ...
    await watcher.finished(messageIds);
    await watcher.close();
    // ... and once every message is recorded sent, no slice can claim one again.
    await allSent(counts, RECIPIENTS);
    await worker.close();

    const delivered = deliveredTo('both-ways');
    expect(delivered).toHaveLength(RECIPIENTS);
    expect(new Set(delivered).size).toBe(RECIPIENTS);
  });

  it('gives a broadcast its slices back after Redis lost them, and sends each recipient once', async () => {
    const { target, messageIds, counts } = await broadcastWithMessages('redis-lost', RECIPIENTS);
    await t.app.get(DeliveryProducer, { strict: false }).enqueueBroadcastRecipients(target, messageIds);
    const redis = new Redis(t.config.REDIS_URL);
    const keys = await redis.keys(`${t.config.REDIS_PREFIX}:*`);
    expect(keys.some((key) => key.includes('broadcast-slices'))).toBe(true);
    await redis.del(...keys);
    await redis.quit();

    const before = smtp.messages.length;
    const worker = await t.startWorker();
    await smtp.waitForMessages(before + RECIPIENTS, 15_000);
    await allSent(counts, RECIPIENTS);
    await worker.close();

    const delivered = deliveredTo('redis-lost');
    expect(delivered).toHaveLength(RECIPIENTS);
    expect(new Set(delivered).size).toBe(RECIPIENTS);
  });
});

import { DataSource } from 'typeorm';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { dropRedisPrefix } from './support/redis-prefix';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { WorkerProcess } from './support/worker-process';

const MESSAGES = 30;
const CONCURRENCY = 5;
const ENV = {
  WEBHOOK_ENDPOINT_CONCURRENCY: String(CONCURRENCY),
  // A killed worker's claims come back this soon, mail and webhooks alike.
  WEBHOOK_LEASE_MS: '1500',
  SENDING_LEASE_MS: '1500',
  WORKER_LOCK_DURATION_MS: '1500',
};

describe('webhooks when the worker is killed mid-delivery and Redis loses its data', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let receiver: WebhookReceiver;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    receiver = await WebhookReceiver.start();
    t = await startTestApp({ env: ENV });
  });
  afterAll(async () => {
    await worker?.kill();
    await t.close();
    await receiver.stop();
    await smtp.stop();
  });

  it('still delivers every event, each verified, the same webhook-id on every copy', async () => {
    const ws = await createSendingWorkspace(t, { smtp });
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/webhooks`)
      .set(bearer(ws.adminKey))
      .send({ url: receiver.url(), events: ['*'] })
      .expect(201);
    receiver.secret = created.body.secret;
    // Every request hangs: the worker holds a full window of deliveries in flight when it dies.
    receiver.answer = () => 'hang';
    worker = await WorkerProcess.start(t, ENV);
    const messages = Array.from({ length: MESSAGES }, (_, index) => ({
      to: [`reader${index}@example.com`],
      subject: `Hi ${index}`,
      text: 'x',
    }));
    const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.sendKey)).send({ messages }).expect(202);
    const messageIds = (accepted.body.data as Array<{ id: string }>).map((message) => message.id);
    await receiver.waitUntil('a full window in flight', () => receiver.hanging.length >= CONCURRENCY);

    await worker.kill();
    await dropRedisPrefix(t.config);
    for (const response of receiver.hanging.splice(0)) response.destroy();
    receiver.answer = () => ({ status: 200 });
    await t.startWorker();

    await receiver.waitUntil(
      'a message.sent for every message',
      (received) =>
        new Set(received.filter((webhook) => webhook.type === 'message.sent').map((webhook) => webhook.data.messageId)).size === MESSAGES,
      30_000,
    );
    const events: Array<{ id: string }> = await t.app
      .get(DataSource)
      .query('SELECT id FROM webhook_events WHERE workspace_id = $1', [ws.id]);
    const received = new Set(receiver.received.map((webhook) => webhook.id));
    expect(events.filter((event) => !received.has(event.id))).toEqual([]);
    expect(receiver.received.every((webhook) => webhook.verified)).toBe(true);
    const sent = receiver.received.filter((webhook) => webhook.type === 'message.sent');
    expect(new Set(sent.map((webhook) => webhook.data.messageId))).toEqual(new Set(messageIds));
    // One event per message: copies of a delivery cut off by the kill share its webhook-id.
    expect(new Set(sent.map((webhook) => webhook.id)).size).toBe(MESSAGES);
  }, 90_000);
});

import { DataSource } from 'typeorm';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const CONCURRENCY = 3;

async function createEndpoint(t: TestApp, ws: SendingWorkspace, receiver: WebhookReceiver, events = ['message.sent']) {
  const created = await t.http.post(`/v1/workspaces/${ws.id}/webhooks`).set(bearer(ws.adminKey)).send({ url: receiver.url(), events });
  expect(created.status).toBe(201);
  receiver.secret = created.body.secret;
  return created.body as { id: string };
}

async function sendMessages(t: TestApp, ws: SendingWorkspace, count = 1): Promise<string[]> {
  const messages = Array.from({ length: count }, (_, index) => ({ to: [`reader${index}@example.com`], subject: 'Hi', text: 'x' }));
  const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.sendKey)).send({ messages }).expect(202);
  return (accepted.body.data as Array<{ id: string }>).map((message) => message.id);
}

describe('webhook delivery by the worker: retried on the schedule, one endpoint never holding up another', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    t = await startTestApp({
      worker: true,
      env: {
        WEBHOOK_RETRY_DELAYS_MS: '50,50,50,50',
        WEBHOOK_ENDPOINT_CONCURRENCY: String(CONCURRENCY),
      },
    });
    watcher = await DeliveryWatcher.start(t);
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const endpoint = (ws: SendingWorkspace, receiver: WebhookReceiver) => createEndpoint(t, ws, receiver);
  const send = (ws: SendingWorkspace, count = 1) => sendMessages(t, ws, count);

  it('delivers on the fourth attempt after three 500s, with one webhook-id, every attempt in the log', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.answer = (_webhook, index) => (index < 3 ? { status: 500, body: `busy ${index}` } : { status: 200, body: 'ok' });
    const ws = await createSendingWorkspace(t, { smtp });
    const { id } = await endpoint(ws, receiver);
    const [messageId] = await send(ws);

    const requests = await receiver.waitFor('message.sent', 4);
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((request) => request.id)).size).toBe(1);
    expect(requests.every((request) => request.verified)).toBe(true);
    expect(requests[0]!.data).toMatchObject({
      workspaceId: ws.id,
      messageId,
      to: [{ email: 'reader0@example.com' }],
      smtpResponse: expect.stringMatching(/^250/),
    });

    const log = await pollUntil(
      'the fourth attempt in the log',
      async () => (await t.http.get(`/v1/workspaces/${ws.id}/webhooks/${id}/deliveries`).set(bearer(ws.adminKey))).body,
      (body) => body.data[0]?.status === 'delivered',
    );
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({ eventId: requests[0]!.id, type: 'message.sent', status: 'delivered', nextAttemptAt: null });
    expect(log.data[0].attempts.map((attempt: { statusCode: number; response: string }) => [attempt.statusCode, attempt.response])).toEqual(
      [
        [500, 'busy 0'],
        [500, 'busy 1'],
        [500, 'busy 2'],
        [200, 'ok'],
      ],
    );
    await receiver.stop();
  });

  it('keeps delivering to another endpoint, and mail, while a receiver never answers', async () => {
    const silent = await WebhookReceiver.start();
    const lively = await WebhookReceiver.start();
    silent.answer = () => 'hang';
    const ws = await createSendingWorkspace(t, { smtp, name: 'Busy' });
    const stuck = await endpoint(ws, silent);
    await endpoint(ws, lively);

    const first = await send(ws, 10);
    await silent.waitUntil('the silent endpoint holding its window', (received) => received.length >= CONCURRENCY);
    await lively.waitFor('message.sent', 10);
    // While the silent endpoint's requests hang, mail goes on, and so do the other endpoint's webhooks.
    const later = await send(ws, 5);
    await watcher.finished(later);
    await lively.waitFor('message.sent', 15);
    expect(silent.received).toHaveLength(CONCURRENCY);
    expect(silent.hanging).toHaveLength(CONCURRENCY);
    const attempts = await t.app
      .get(DataSource)
      .query(
        'SELECT count(*)::int AS n FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1',
        [stuck.id],
      );
    expect(attempts[0].n).toBe(0);
    expect(new Set(lively.received.map((webhook) => webhook.data.messageId))).toEqual(new Set([...first, ...later]));
    await silent.stop();
    await lively.stop();
  });
});

describe('an endpoint without a successful delivery for WEBHOOK_DISABLE_AFTER_MS', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { WEBHOOK_RETRY_DELAYS_MS: '1500,50', WEBHOOK_DISABLE_AFTER_MS: '1000' } });
    watcher = await DeliveryWatcher.start(t);
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  it('is disabled, saying why, and sent nothing more', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.answer = () => ({ status: 500 });
    const ws = await createSendingWorkspace(t, { smtp, name: 'Failing' });
    const { id } = await createEndpoint(t, ws, receiver);
    const started = Date.now();
    await sendMessages(t, ws);
    await receiver.waitUntil(
      'attempts over more than a second',
      (received) => received.length > 0 && received.at(-1)!.receivedAt - started > 1000,
    );

    const endpointPath = `/v1/workspaces/${ws.id}/webhooks/${id}`;
    const disabled = await pollUntil(
      'the endpoint disabled',
      async () => (await t.http.get(endpointPath).set(bearer(ws.adminKey))).body,
      (body) => body.enabled === false,
    );
    expect(disabled.status).toMatchObject({
      state: 'disabled',
      reason: expect.stringMatching(/^No delivery succeeded for 1 second, so Mailroom disabled the endpoint/),
      disabledAt: expect.any(String),
      lastError: 'HTTP 500',
    });
    const seen = receiver.received.length;
    const [messageId] = await sendMessages(t, ws);
    await watcher.finished([messageId!]);
    const events = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
    expect(events[0].n).toBe(1);
    expect(receiver.received).toHaveLength(seen);
    await receiver.stop();
  });
});

import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

const PASSWORD = 'delivery-test-password';

describe('queued delivery through a real SMTP server', () => {
  let t: TestApp;
  let watcher: DeliveryWatcher;
  let smtp: FakeSmtpServer;
  let ws: SendingWorkspace;
  let failDataTimes = 0;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({
      security: 'starttls',
      users: { 'sender@example.com': PASSWORD },
      respond: {
        rcptTo: (address: string) =>
          address === 'unknown@example.com' ? '550 5.1.1 <unknown@example.com>: Recipient address rejected: User unknown' : undefined,
        data: () => (failDataTimes-- > 0 ? '451 4.3.0 Temporary local problem, try again later' : undefined),
      },
    });
    await smtp.start();
    t = await startTestApp({ worker: true });
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: {
        auth: { type: 'basic', username: 'sender@example.com', password: PASSWORD },
        senders: [
          { name: 'Support Team', email: 'support@example.com' },
          { name: 'Billing', email: 'billing@example.com' },
        ],
      },
    });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.sendKey)).set(headers).send(body);
  const get = async (id: string) => (await t.http.get(`/v1/workspaces/${ws.id}/messages/${id}`).set(bearer(ws.sendKey)).expect(200)).body;

  it('delivers a message with its headers, sender and recipients, and records the SMTP reply', async () => {
    const accepted = await send({
      from: { email: 'billing@example.com', name: 'Acme Billing' },
      to: ['alice@example.com', { email: 'bob@example.com', name: 'Bob' }],
      cc: ['carol@example.com'],
      bcc: ['dave@example.com'],
      replyTo: 'help@example.com',
      subject: 'Your receipt',
      text: 'Thanks for your order.',
      html: '<p>Thanks for your order.</p>',
      headers: { 'X-Order-Id': 'A-42' },
      tags: ['receipt'],
      tracking: { opens: false, clicks: false },
    }).expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
    await watcher.finished([accepted.body.id]);

    const delivered = smtp.messages.find((message) => message.headers['x-order-id'] === 'A-42')!;
    expect(delivered.envelope.mailFrom).toBe('billing@example.com');
    expect(delivered.envelope.rcptTo.sort()).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com']);
    expect(delivered.headers.from).toBe('Acme Billing <billing@example.com>');
    expect(delivered.headers.to).toBe('alice@example.com, Bob <bob@example.com>');
    expect(delivered.headers['reply-to']).toBe('help@example.com');
    expect(delivered.headers.subject).toBe('Your receipt');
    expect(delivered.headers.bcc).toBeUndefined();

    const message = await get(accepted.body.id);
    expect(message).toMatchObject({
      status: 'sent',
      attempts: 1,
      smtp: { messageId: `<${accepted.body.id}@example.com>`, response: expect.stringMatching(/^250/) },
      error: null,
      sentAt: expect.any(String),
      tags: ['receipt'],
    });
    expect(delivered.headers['message-id']).toBe(message.smtp.messageId);
    expect(message.events.map((event: { type: string }) => event.type)).toEqual(['sent']);
  });

  it('delivers once for 20 concurrent requests with the same Idempotency-Key', async () => {
    const before = smtp.messages.length;
    const body = { to: ['idem@example.com'], subject: 'Only once', text: 'x' };
    const responses = await Promise.all(Array.from({ length: 20 }, () => send(body, { 'Idempotency-Key': 'order-7-confirmation' })));
    const ids = new Set(responses.map((response) => response.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((response) => response.status === 202)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(19);
    await watcher.finished([...ids]);
    expect(smtp.messages.length - before).toBe(1);
  });

  it('refuses an Idempotency-Key reused for a different request', async () => {
    await send({ to: ['a@example.com'], subject: 'One', text: 'x' }, { 'Idempotency-Key': 'reused-key' }).expect(202);
    const response = await send({ to: ['a@example.com'], subject: 'Two', text: 'x' }, { 'Idempotency-Key': 'reused-key' }).expect(422);
    expect(response.body.message[0]).toMatch(/Idempotency-Key was already used/);
  });

  it('fails at once on 550 with one attempt and the full reply', async () => {
    const accepted = await send({ to: ['unknown@example.com'], subject: 'Bounce', text: 'x' }).expect(202);
    await watcher.finished([accepted.body.id]);
    const message = await get(accepted.body.id);
    expect(message).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: '550', message: expect.stringContaining('550 5.1.1 <unknown@example.com>: Recipient address rejected: User unknown') },
    });
    expect(message.events.map((event: { type: string }) => event.type)).toEqual(['failed']);
  });

  it('retries 451 with backoff and then delivers', async () => {
    failDataTimes = 2;
    const accepted = await send({ to: ['later@example.com'], subject: 'Greylisted', text: 'x' }).expect(202);
    await watcher.finished([accepted.body.id]);
    const message = await get(accepted.body.id);
    expect(message.status).toBe('sent');
    expect(message.attempts).toBe(3);
    expect(message.events.map((event: { type: string; detail?: string }) => event.type)).toEqual(['retry', 'retry', 'sent']);
    expect(message.events[0].detail).toMatch(/^451 4\.3\.0/);
  });

  it('sends a batch in one request', async () => {
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/messages/batch`)
      .set(bearer(ws.sendKey))
      .send({
        messages: Array.from({ length: 25 }, (_, index) => ({ to: [`batch${index}@example.com`], subject: `Batch ${index}`, text: 'x' })),
      })
      .expect(202);
    expect(response.body.data).toHaveLength(25);
    await watcher.finished(response.body.data.map((item: { id: string }) => item.id));
    const recipients = smtp.messages.flatMap((message) => message.envelope.rcptTo);
    for (let index = 0; index < 25; index++) expect(recipients).toContain(`batch${index}@example.com`);
  });
});

import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('delivery when the SMTP server refuses the credentials', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', users: { 'sender@example.com': 'the-right-password' } });
    await smtp.start();
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('marks the integration needs_reconnect, holds its messages, and delivers them once fixed', async () => {
    const watcher = await DeliveryWatcher.start(t);
    const ws = await createSendingWorkspace(t, {
      smtp,
      integration: { auth: { type: 'basic', username: 'sender@example.com', password: 'an-outdated-password' } },
    });
    const { integration } = ws;
    const accepted = await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.adminKey))
      .send({ to: ['held@example.com'], subject: 'Held', text: 'x' })
      .expect(202);
    await watcher.delayed(accepted.body.id);

    const integrationPath = `/v1/workspaces/${ws.id}/integrations/${integration.id}`;
    const messagePath = `/v1/workspaces/${ws.id}/messages/${accepted.body.id}`;
    const { status } = (await t.http.get(integrationPath).set(bearer(ws.adminKey))).body;
    expect(status).toMatchObject({ state: 'needs_reconnect', lastError: expect.stringMatching(/535/), hint: expect.any(String) });
    const waiting = (await t.http.get(messagePath).set(bearer(ws.adminKey))).body;
    expect(waiting.status).toBe('queued');
    expect(waiting.events[0]).toMatchObject({ type: 'retry', detail: expect.stringMatching(/held until the integration is reconnected/) });
    expect(JSON.stringify(waiting)).not.toContain('an-outdated-password');

    await t.http
      .patch(integrationPath)
      .set(bearer(ws.adminKey))
      .send({ auth: { type: 'basic', password: 'the-right-password' } })
      .expect(200);
    await watcher.finished([accepted.body.id]);
    await watcher.close();
    const delivered = (await t.http.get(messagePath).set(bearer(ws.adminKey))).body;
    expect(delivered.status).toBe('sent');
    expect(smtp.messages.map((message) => message.envelope.rcptTo[0])).toContain('held@example.com');
  });
});

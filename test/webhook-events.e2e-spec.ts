import { DataSource } from 'typeorm';
import { TrackingEventWriter } from '../apps/api/src/tracking/tracking-event-writer';
import { createList } from './support/contact-factory';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { microsoftAppOnly } from './support/integration-factory';
import { mimeParts } from './support/mime-parts';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const APPLE_PROXY = 'Mozilla/5.0';
const SCANNER = 'Mozilla/5.0 (compatible; Barracuda Sentinel)';

describe('webhooks for what happens to messages, broadcasts and integrations', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let microsoft: FakeMicrosoftIdentity;
  let receiver: WebhookReceiver;
  let watcher: DeliveryWatcher;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    microsoft = await FakeMicrosoftIdentity.start();
    receiver = await WebhookReceiver.start();
    t = await startTestApp({
      worker: true,
      env: {
        PUBLIC_BASE_URL: 'https://mail.example.test',
        TRACKING_MACHINE_CLICK_WINDOW_MS: '0',
        MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      },
    });
    watcher = await DeliveryWatcher.start(t);
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await receiver.stop();
    await microsoft.close();
    await smtp.stop();
  });
  beforeEach(() => receiver.received.splice(0));

  async function subscribe(ws: SendingWorkspace, events = ['*']): Promise<void> {
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/webhooks`)
      .set(bearer(ws.adminKey))
      .send({ url: receiver.url(), events })
      .expect(201);
    receiver.secret = created.body.secret;
  }
  const ofMessage = (messageId: string) => receiver.received.filter((webhook) => webhook.data.messageId === messageId);
  const pathOf = (url: string) => new URL(url).pathname;

  it("reports one message's life, each occurrence once per id and signed: sent, opened, clicked (people and machines), unsubscribed", async () => {
    const ws = await createSendingWorkspace(t, { smtp, integration: { usage: { transactional: true, marketing: true } } });
    await subscribe(ws);
    const accepted = await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.sendKey))
      .send({
        type: 'marketing',
        to: [{ email: 'reader@example.com', name: 'Reader' }],
        subject: 'Spring',
        html: '<p><a href="https://shop.example.com/spring">shop</a></p>',
        tags: ['spring'],
        metadata: { campaign: 'c-42' },
      })
      .expect(202);
    const messageId: string = accepted.body.id;
    await watcher.finished([messageId]);
    const [sent] = await receiver.waitFor('message.sent');
    expect(sent).toMatchObject({
      verified: true,
      data: {
        workspaceId: ws.id,
        messageId,
        broadcastId: null,
        to: [{ email: 'reader@example.com', name: 'Reader' }],
        tags: ['spring'],
        metadata: { campaign: 'c-42' },
        smtpResponse: expect.stringMatching(/^250/),
        attempts: 1,
      },
    });

    const mail = smtp.messages.find((received) => received.envelope.rcptTo.includes('reader@example.com'))!;
    const html = mimeParts(mail.raw.toString('utf8')).get('text/html')!;
    const pixel = pathOf(/<img src="([^"]+\/t\/o\/[^"]+)"/.exec(html)![1]!);
    const link = pathOf(/href="([^"]+\/t\/c\/[^"]+)"/.exec(html)![1]!);
    const unsubscribe = pathOf(/^<([^>]+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!);

    await t.http.get(pixel).set('User-Agent', APPLE_PROXY).expect(200);
    await t.http.get(pixel).set('User-Agent', BROWSER).expect(200);
    await t.http.get(pixel).set('User-Agent', BROWSER).expect(200);
    await t.http.get(link).set('User-Agent', SCANNER).expect(302);
    await t.http.get(link).set('User-Agent', BROWSER).expect(302);
    await t.app.get(TrackingEventWriter).flush();
    await t.http.post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);

    await receiver.waitUntil('the whole life', () => ofMessage(messageId).length === 7);
    const life = ofMessage(messageId);
    expect(life.every((webhook) => webhook.verified)).toBe(true);
    expect(new Set(life.map((webhook) => webhook.id)).size).toBe(life.length);
    const summary = (webhook: ReceivedWebhook) => {
      const { bot, botReason, first, url, emails } = webhook.data;
      return { type: webhook.type, bot, botReason, first, url, emails };
    };
    // Deliveries go in parallel and arrive in any order: each type's webhooks are compared as a set.
    const expectOfType = (type: string, expected: Array<Record<string, unknown>>) => {
      const got = life.filter((webhook) => webhook.type === type).map(summary);
      expect(got).toHaveLength(expected.length);
      expect(got).toEqual(expect.arrayContaining(expected.map((fields) => ({ type, ...fields }))));
    };
    const shop = 'https://shop.example.com/spring';
    expectOfType('message.opened', [
      { bot: true, botReason: 'apple-mail-privacy-protection', first: true, url: undefined, emails: undefined },
      { bot: false, botReason: null, first: true, url: undefined, emails: undefined },
      { bot: false, botReason: null, first: false, url: undefined, emails: undefined },
    ]);
    expectOfType('message.clicked', [
      { bot: true, botReason: 'security-scanner', first: true, url: shop, emails: undefined },
      { bot: false, botReason: null, first: true, url: shop, emails: undefined },
    ]);
    expectOfType('message.unsubscribed', [
      { bot: undefined, botReason: undefined, first: undefined, url: undefined, emails: ['reader@example.com'] },
    ]);
    for (const webhook of life) expect(webhook.data).toMatchObject({ messageId, tags: ['spring'], metadata: { campaign: 'c-42' } });
  });

  it('writes no webhook at all for a workspace without endpoints', async () => {
    const ws = await createSendingWorkspace(t, { smtp, name: 'Quiet' });
    const accepted = await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.sendKey))
      .send({ to: ['q@example.com'], subject: 'Q', text: 'q' });
    await watcher.finished([accepted.body.id]);
    const [{ n }] = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM webhook_events WHERE workspace_id = $1', [ws.id]);
    expect(n).toBe(0);
  });

  it('reports a broadcast being paused, resumed, started and completed, and another being cancelled', async () => {
    const ws = await createSendingWorkspace(t, {
      smtp,
      name: 'News',
      integration: { usage: { transactional: false, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    await subscribe(ws, ['broadcast.started', 'broadcast.paused', 'broadcast.resumed', 'broadcast.completed', 'broadcast.cancelled']);
    const list = await createList(t, ws);
    await t.http
      .post(`/v1/workspaces/${ws.id}/lists/${list.id}/contacts`)
      .set(bearer(ws.adminKey))
      .send({ emails: ['a@example.com', 'b@example.com'] });
    const create = async (name: string) =>
      (
        await t.http
          .post(`/v1/workspaces/${ws.id}/broadcasts`)
          .set(bearer(ws.adminKey))
          .send({ name, listId: list.id, subject: 'Hi', html: '<p>Hi</p>' })
          .expect(201)
      ).body;
    const act = (id: string, action: string, body = {}) =>
      t.http.post(`/v1/workspaces/${ws.id}/broadcasts/${id}/${action}`).set(bearer(ws.adminKey)).send(body).expect(200);

    const spring = await create('Spring');
    // Scheduled, so it can be paused and resumed before it starts; its fan-out then starts when it is due.
    await act(spring.id, 'send', { scheduledAt: new Date(Date.now() + 2000).toISOString() });
    await act(spring.id, 'pause');
    await act(spring.id, 'resume');
    await receiver.waitFor('broadcast.completed', 1, 20_000);
    const autumn = await create('Autumn');
    await act(autumn.id, 'cancel');
    await receiver.waitFor('broadcast.cancelled');

    const sortedByTime = [...receiver.received].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    expect(sortedByTime.map((webhook) => [webhook.type, webhook.data.name, webhook.data.status])).toEqual([
      ['broadcast.paused', 'Spring', 'paused'],
      ['broadcast.resumed', 'Spring', 'sending'],
      ['broadcast.started', 'Spring', 'sending'],
      ['broadcast.completed', 'Spring', 'sent'],
      ['broadcast.cancelled', 'Autumn', 'cancelled'],
    ]);
    expect(sortedByTime[3]!.data).toMatchObject({
      broadcastId: spring.id,
      listId: list.id,
      recipients: 2,
      finishedAt: expect.any(String),
    });
    expect(receiver.received.every((webhook) => webhook.verified)).toBe(true);
  });

  it('reports once, with the AADSTS hint, that Microsoft refused the client secret, however many deliveries found out', async () => {
    microsoft.addApp({ tenantId: 'contoso.onmicrosoft.com', clientId: 'mailroom-app-webhooks', clientSecret: 'the-real-secret-Value' });
    const ws = await createSendingWorkspace(t, {
      smtp,
      name: 'Contoso',
      integration: microsoftAppOnly({
        tenantId: 'contoso.onmicrosoft.com',
        clientId: 'mailroom-app-webhooks',
        clientSecret: 'the-secret-ID-pasted-instead',
        mailbox: 'noreply@contoso.com',
      }),
    });
    await subscribe(ws, ['integration.status_changed']);
    const messages = Array.from({ length: 3 }, (_, index) => ({ to: [`r${index}@example.com`], subject: 'x', text: 'x' }));
    const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.sendKey)).send({ messages }).expect(202);
    await Promise.all(accepted.body.data.map((message: { id: string }) => watcher.delayed(message.id)));

    const [changed] = await receiver.waitFor('integration.status_changed');
    expect(changed).toMatchObject({
      verified: true,
      data: {
        workspaceId: ws.id,
        integrationId: ws.integration.id,
        name: 'Company SMTP',
        previousState: 'untested',
        state: 'needs_reconnect',
        lastError: expect.stringContaining('AADSTS7000215'),
        hint: expect.stringContaining('copy the secret\'s "Value"'),
      },
    });
    const [{ n }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM webhook_events WHERE workspace_id = $1 AND type = 'integration.status_changed'`, [ws.id]);
    expect(n).toBe(1);
  });
});

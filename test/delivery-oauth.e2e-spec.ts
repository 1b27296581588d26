import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { microsoftAppOnly } from './support/integration-factory';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = 'mailroom-app-delivery';
const CLIENT_SECRET = 'client-secret-Value-for-delivery';
const MAILBOX = 'noreply@contoso.com';

describe('delivery with Microsoft 365 app-only OAuth2 (XOAUTH2)', () => {
  let microsoft: FakeMicrosoftIdentity;
  let smtp: FakeSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    microsoft = await FakeMicrosoftIdentity.start();
    microsoft.addApp({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    smtp = new FakeSmtpServer({
      security: 'starttls',
      authMethods: ['XOAUTH2'],
      acceptAccessToken: (user, token) => user === MAILBOX && microsoft.isValidAccessToken(token),
    });
    await smtp.start();
    t = await startTestApp({ env: { MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost } });
    // Two independent worker instances (own token service, Redis connections, SMTP pools),
    // standing in for two worker processes on the same Redis.
    await t.startWorker();
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await microsoft.close();
  });

  it('authenticates 50 sends as the mailbox with one token, fetched once for all workers', async () => {
    const watcher = await DeliveryWatcher.start(t);
    const ws = await createSendingWorkspace(t, {
      smtp,
      integration: {
        maxConnections: 3,
        ...microsoftAppOnly({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, mailbox: MAILBOX }),
      },
    });
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/messages/batch`)
      .set(bearer(ws.adminKey))
      .send({
        messages: Array.from({ length: 50 }, (_, index) => ({ to: [`user${index}@example.com`], subject: `OAuth ${index}`, text: 'x' })),
      })
      .expect(202);
    await watcher.finished(response.body.data.map((item: { id: string }) => item.id));
    await watcher.close();

    expect(smtp.messages).toHaveLength(50);
    const logins = smtp.authAttempts.filter((attempt) => attempt.accepted);
    expect(logins.length).toBeGreaterThan(0);
    for (const login of logins) {
      expect(login).toMatchObject({ method: 'XOAUTH2', username: MAILBOX });
      expect(microsoft.isValidAccessToken(login.accessToken!)).toBe(true);
    }
    expect(new Set(logins.map((login) => login.accessToken)).size).toBe(1);
    expect(microsoft.tokenRequestCount('client_credentials')).toBe(1);
  });

  it('drops a token the server refuses with 535 5.7.3, fetches a fresh one and delivers', async () => {
    // Set once the first token is known; the server reads it on every AUTH, also before that.
    let refusedToken: string | undefined = undefined;
    const refusing = new FakeSmtpServer({
      security: 'starttls',
      authMethods: ['XOAUTH2'],
      // Exchange answers 535 at once (no 334 challenge) when it no longer accepts a token.
      authenticate: (attempt) =>
        attempt.accessToken === refusedToken
          ? '535 5.7.3 Authentication unsuccessful'
          : microsoft.isValidAccessToken(attempt.accessToken ?? ''),
    });
    await refusing.start();
    const watcher = await DeliveryWatcher.start(t);
    const clientId = 'mailroom-app-refused';
    microsoft.addApp({ tenantId: TENANT, clientId, clientSecret: CLIENT_SECRET });
    const ws = await createSendingWorkspace(t, {
      smtp: refusing,
      name: 'Refused token',
      integration: {
        ...microsoftAppOnly({ tenantId: TENANT, clientId: clientId, clientSecret: CLIENT_SECRET, mailbox: MAILBOX }),
      },
    });
    const { integration } = ws;
    // The first token the deployment caches is one the server will refuse.
    const test = await t.http
      .post(`/v1/workspaces/${ws.id}/integrations/${integration.id}/test`)
      .set(bearer(ws.adminKey))
      .send({})
      .expect(200);
    expect(test.body.ok).toBe(true);
    refusedToken = refusing.authAttempts[0]!.accessToken;
    const before = microsoft.tokenRequestCount('client_credentials');

    const accepted = await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.adminKey))
      .send({ to: ['x@example.com'], subject: 'Retry with a fresh token', text: 'x' })
      .expect(202);
    await watcher.finished([accepted.body.id]);
    await watcher.close();

    const message = (await t.http.get(`/v1/workspaces/${ws.id}/messages/${accepted.body.id}`).set(bearer(ws.adminKey))).body;
    expect(message.status).toBe('sent');
    expect(microsoft.tokenRequestCount('client_credentials')).toBe(before + 1);
    expect(refusing.authAttempts.map((attempt) => attempt.accepted)).toEqual([true, false, true]);
    await refusing.stop();
  });
});

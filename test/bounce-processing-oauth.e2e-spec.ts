import { randomBytes } from 'node:crypto';
import type { IntegrationTestResponse } from '../apps/api/src/integrations/integration-test.response';
import type { MessageResponse } from '../apps/api/src/messages/message.response';
import { DeliveryWatcher } from './support/delivery-watcher';
import { DovecotServer } from './support/dovecot-server';
import { microsoftAppOnly, step } from './support/integration-factory';
import type { Json } from './support/json-body';
import { MAILBOX, OAuthProviders, startOAuthProviders, TENANT } from './support/oauth-providers';
import { returnEveryReport } from './support/returned-reports';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const run = randomBytes(4).toString('hex');

/**
 * Bounce processing logs in to the sending mailbox with the integration's own OAuth2 set-up: the
 * access token the SMTP sessions use, over XOAUTH2, which Dovecot checks against the fake
 * provider's introspection endpoint (as Exchange Online and Gmail check theirs).
 */
describe('bounce processing over IMAP with the integration OAuth2 token', () => {
  let providers: OAuthProviders;
  let exchange: DovecotServer;
  let gmail: DovecotServer;
  let t: TestApp;
  let watcher: DeliveryWatcher;
  let ws: CreatedWorkspace;
  let sendKey: string;

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const createIntegration = async (body: Record<string, unknown>) =>
    (await t.http.post(api('/integrations')).set(bearer(ws.adminKey)).send(body).expect(201)).body as { id: string };
  const message = async (id: string): Promise<Json<MessageResponse>> =>
    (
      await t.http
        .get(api(`/messages/${id}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
  const sendThrough = async (from: string, to: string) => {
    const id = (
      await t.http
        .post(api('/messages'))
        .set(bearer(sendKey))
        .send({ from: { email: from }, to: [to], subject: 'Hi', text: 'Hi' })
        .expect(202)
    ).body.id as string;
    await watcher.finished([id]);
    return message(id);
  };
  /** POST …/integrations/{id}/test: the steps, `imap` included with bounce processing on. */
  const integrationTest = async (id: string) =>
    (
      await t.http
        .post(api(`/integrations/${id}/test`))
        .set(bearer(ws.adminKey))
        .send({})
        .expect(200)
    ).body as Json<IntegrationTestResponse>;
  const bouncesAt = (server: DovecotServer) => ({
    enabled: true,
    host: server.host,
    port: server.imapsPort,
    security: 'tls',
    auth: 'same',
  });

  beforeAll(async () => {
    providers = await startOAuthProviders();
    [exchange, gmail] = await Promise.all([
      // Exchange Online offers XOAUTH2 only.
      DovecotServer.start({
        users: [{ name: MAILBOX }],
        oauth2IntrospectionUrl: providers.microsoft.introspectionUrl,
        oauth2Mechanisms: ['xoauth2'],
      }),
      DovecotServer.start({
        users: [{ name: MAILBOX }],
        oauth2IntrospectionUrl: providers.google.introspectionUrl,
        oauth2Mechanisms: ['xoauth2'],
      }),
    ]);
    t = await startTestApp({ worker: true, env: { ...providers.env, BOUNCE_LEASE_MS: '900', BOUNCE_POLL_INTERVAL_MS: '200' } });
    watcher = await DeliveryWatcher.start(t);
    ws = await createWorkspace(t);
    sendKey = await createApiKey(t, ws, ['send']);
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await Promise.all([exchange.stop(), gmail.stop()]);
    await providers.close();
  });

  it('Microsoft app-only: the client-credentials token reads the mailbox, and every returned report does what it should', async () => {
    const app = { tenantId: TENANT, clientId: `app-${run}`, clientSecret: `secret-${run}`, mailbox: MAILBOX };
    providers.microsoft.addApp(app);
    const integration = await createIntegration({
      name: 'Microsoft 365',
      host: '127.0.0.1',
      port: providers.smtpPort,
      security: 'starttls',
      usage: { transactional: true },
      ...microsoftAppOnly(app),
      bounces: bouncesAt(exchange),
    });
    expect(step(await integrationTest(integration.id), 'imap')).toMatchObject({ ok: true });

    await returnEveryReport({
      dovecot: exchange,
      mailbox: MAILBOX,
      domain: 'microsoft.example.net',
      send: (to) => sendThrough(MAILBOX, to),
      message,
    });
    await t.http
      .patch(api(`/integrations/${integration.id}`))
      .set(bearer(ws.adminKey))
      .send({ usage: { transactional: false } })
      .expect(200);
  });

  it("Google: the refresh token's access token reads the mailbox, and every returned report does what it should", async () => {
    const clientId = `client-${run}.apps.googleusercontent.com`;
    providers.google.addClient({ clientId, clientSecret: `GOCSPX-${run}` });
    const integration = await createIntegration({
      name: 'Gmail',
      host: '127.0.0.1',
      port: providers.smtpPort,
      security: 'starttls',
      usage: { transactional: true },
      auth: {
        type: 'oauth2',
        provider: 'google',
        clientId,
        clientSecret: `GOCSPX-${run}`,
        refreshToken: providers.google.issueRefreshToken(clientId, MAILBOX),
        username: MAILBOX,
      },
      senders: [{ name: 'Gmail', email: MAILBOX }],
      bounces: bouncesAt(gmail),
    });
    expect(step(await integrationTest(integration.id), 'imap')).toMatchObject({ ok: true });

    await returnEveryReport({
      dovecot: gmail,
      mailbox: MAILBOX,
      domain: 'google.example.net',
      send: (to) => sendThrough(MAILBOX, to),
      message,
    });
  });

  it('Microsoft delegated: turning it on with a refresh token consented for SMTP only asks for a reconnect, and Connect then asks for IMAP too', async () => {
    const app = { tenantId: TENANT, clientId: `delegated-${run}`, clientSecret: `secret-d-${run}` };
    providers.microsoft.addApp(app);
    const refreshToken = providers.microsoft.issueRefreshToken({ tenantId: TENANT, clientId: app.clientId, mailbox: MAILBOX });
    const auth = { type: 'oauth2', provider: 'microsoft', flow: 'refresh_token', ...app, username: MAILBOX };
    const integration = await createIntegration({
      name: 'Microsoft 365 delegated',
      host: '127.0.0.1',
      port: providers.smtpPort,
      security: 'starttls',
      auth: { ...auth, refreshToken },
      senders: [{ name: 'Contoso', email: MAILBOX }],
    });
    const path = api(`/integrations/${integration.id}`);
    expect(step(await integrationTest(integration.id), 'token')).toMatchObject({
      ok: true,
    });

    await t.http
      .patch(path)
      .set(bearer(ws.adminKey))
      .send({ bounces: bouncesAt(exchange), auth: { ...auth, refreshToken: providers.issuedTokens().refreshTokens.at(-1) } })
      .expect(200);
    const result = await integrationTest(integration.id);
    expect(step(result, 'token')).toMatchObject({ ok: false, detail: expect.stringContaining('AADSTS65001') });
    const after = (await t.http.get(path).set(bearer(ws.adminKey)).expect(200)).body;
    expect(after.status).toMatchObject({ state: 'needs_reconnect', hint: expect.stringMatching(/consent/i) });

    const consent = (await t.http.post(`${path}/oauth2/authorize`).set(bearer(ws.adminKey)).send({}).expect(200)).body;
    expect(new URL(consent.authorizationUrl).searchParams.get('scope')!.split(' ')).toEqual([
      'offline_access',
      'https://outlook.office.com/SMTP.Send',
      'https://outlook.office.com/IMAP.AccessAsUser.All',
    ]);
  });

  it('Google: a refresh token granted without https://mail.google.com/ (another app asked for gmail.send) asks for a reconnect', async () => {
    const clientId = `narrow-${run}.apps.googleusercontent.com`;
    providers.google.addClient({ clientId, clientSecret: `GOCSPX-n-${run}` });
    const integration = await createIntegration({
      name: 'Gmail, narrow consent',
      host: '127.0.0.1',
      port: providers.smtpPort,
      security: 'starttls',
      auth: {
        type: 'oauth2',
        provider: 'google',
        clientId,
        clientSecret: `GOCSPX-n-${run}`,
        refreshToken: providers.google.issueRefreshToken(clientId, MAILBOX, 'https://www.googleapis.com/auth/gmail.send'),
        username: MAILBOX,
      },
      senders: [{ name: 'Gmail', email: MAILBOX }],
      bounces: bouncesAt(gmail),
    });
    const path = api(`/integrations/${integration.id}`);
    const result = await integrationTest(integration.id);
    expect(step(result, 'token')).toMatchObject({ ok: false, detail: expect.stringContaining('without https://mail.google.com/') });
    const after = (await t.http.get(path).set(bearer(ws.adminKey)).expect(200)).body;
    expect(after.status).toMatchObject({ state: 'needs_reconnect', hint: expect.stringContaining('https://mail.google.com/') });
  });
});

import { randomBytes } from 'node:crypto';
import { FakeGoogleOAuth } from './support/fake-google-oauth';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer, FakeSmtpServerOptions } from './support/fake-smtp-server';
import { basicIntegration, createIntegration, step } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const TENANT = 'contoso.onmicrosoft.com';
const MAILBOX = 'sender@contoso.example';
const run = randomBytes(4).toString('hex');

describe('POST /integrations/{id}/test with OAuth2 (XOAUTH2)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let google: FakeGoogleOAuth;
  let microsoft: FakeMicrosoftIdentity;
  const servers: FakeSmtpServer[] = [];
  const secrets: string[] = [];
  const answers: string[] = [];

  async function smtpServer(options: FakeSmtpServerOptions = {}): Promise<number> {
    const smtp = new FakeSmtpServer({
      authMethods: ['XOAUTH2'],
      acceptAccessToken: (username, token) =>
        username === MAILBOX && (microsoft.isValidAccessToken(token) || google.isValidAccessToken(token)),
      ...options,
    });
    servers.push(smtp);
    return (await smtp.start()).port;
  }

  function microsoftApp(name: string) {
    const app = { tenantId: TENANT, clientId: `${name}-${run}`, clientSecret: `ms~${name}~${randomBytes(8).toString('hex')}` };
    microsoft.addApp(app);
    secrets.push(app.clientSecret);
    return app;
  }

  /** A Google OAuth client and a refresh token the user granted it. */
  function googleClientWithRefreshToken(name: string) {
    const client = { clientId: `${name}-${run}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${randomBytes(8).toString('hex')}` };
    google.addClient(client);
    secrets.push(client.clientSecret);
    const refreshToken = google.issueRefreshToken(client.clientId);
    secrets.push(refreshToken);
    return { ...client, refreshToken };
  }

  async function runTest(port: number, auth: Record<string, unknown>) {
    const integration = await createIntegration(
      t,
      ws,
      basicIntegration({ usage: {}, port, auth: { type: 'oauth2', username: MAILBOX, ...auth } }),
    );
    const path = `/v1/workspaces/${ws.id}/integrations/${integration.id}`;
    const response = await t.http.post(`${path}/test`).set(bearer(ws.adminKey)).send({}).expect(200);
    const after = await t.http.get(path).set(bearer(ws.adminKey)).expect(200);
    answers.push(JSON.stringify(integration), JSON.stringify(response.body), JSON.stringify(after.body));
    return { result: response.body, integration: after.body };
  }

  const clientCredentials = (app: { tenantId: string; clientId: string }, clientSecret: string) => ({
    provider: 'microsoft',
    flow: 'client_credentials',
    tenantId: app.tenantId,
    clientId: app.clientId,
    clientSecret,
  });

  beforeAll(async () => {
    [google, microsoft] = await Promise.all([FakeGoogleOAuth.start(), FakeMicrosoftIdentity.start()]);
    t = await startTestApp({
      captureLogs: true,
      env: { MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost, GOOGLE_TOKEN_URL: google.tokenUrl, GOOGLE_AUTH_URL: google.authUrl },
    });
    ws = await createWorkspace(t);
  });

  afterAll(async () => {
    await Promise.all(servers.map((smtp) => smtp.stop()));
    await Promise.all([google?.close(), microsoft?.close()]);
    await t?.close();
  });

  describe('Microsoft client credentials (app-only)', () => {
    it('gets an app-only token and authenticates as the mailbox', async () => {
      const app = microsoftApp('app-only');
      const port = await smtpServer();
      const { result, integration } = await runTest(port, clientCredentials(app, app.clientSecret));
      expect(result.ok).toBe(true);
      expect(step(result, 'token')).toMatchObject({ ok: true });
      expect(step(result, 'auth')).toMatchObject({ ok: true });
      expect(integration.status.state).toBe('ok');
      expect(microsoft.tokenRequests.filter((r) => r.clientId === app.clientId).at(-1)).toMatchObject({
        tenantId: TENANT,
        grantType: 'client_credentials',
        scope: 'https://outlook.office365.com/.default',
      });
      expect(servers.at(-1)!.authAttempts).toEqual([expect.objectContaining({ method: 'XOAUTH2', username: MAILBOX, accepted: true })]);
    });

    it('fails the token step with the secret Value-vs-ID hint when the client secret is wrong (AADSTS7000215)', async () => {
      const app = microsoftApp('wrong-secret');
      const port = await smtpServer();
      const wrongSecret = `secret-id-${randomBytes(6).toString('hex')}`;
      secrets.push(wrongSecret);
      const { result, integration } = await runTest(port, clientCredentials(app, wrongSecret));
      expect(result.ok).toBe(false);
      expect(result.steps.at(-1)).toMatchObject({
        name: 'token',
        ok: false,
        detail: expect.stringMatching(/AADSTS7000215|invalid_client/),
      });
      expect(step(result, 'auth')).toBeUndefined();
      expect(result.hint).toMatch(/"Value"/);
      expect(result.hint).toMatch(/Secret ID/);
      expect(integration.status).toMatchObject({ state: 'failing', hint: result.hint });
      expect(servers.at(-1)!.authAttempts).toEqual([]);
    });

    it('fails the auth step with the service-principal hint when Exchange answers 535 5.7.3', async () => {
      const app = microsoftApp('no-mailbox-right');
      const port = await smtpServer({ rejectAuthWith: '535 5.7.3 Authentication unsuccessful' });
      const { result, integration } = await runTest(port, clientCredentials(app, app.clientSecret));
      expect(result.ok).toBe(false);
      expect(step(result, 'token')).toMatchObject({ ok: true });
      expect(result.steps.at(-1)).toMatchObject({ name: 'auth', ok: false, detail: expect.stringMatching(/535 5\.7\.3/) });
      expect(result.hint).toMatch(/service principal/);
      expect(result.hint).toMatch(/Add-MailboxPermission -Identity sender@contoso\.example/);
      expect(integration.status.state).toBe('failing');
    });
  });

  describe('Google refresh token', () => {
    it('passes with a valid refresh token', async () => {
      const client = googleClientWithRefreshToken('valid');
      const port = await smtpServer();
      const { result } = await runTest(port, { provider: 'google', ...client });
      expect(result.ok).toBe(true);
      expect(step(result, 'token')).toMatchObject({ ok: true });
      expect(step(result, 'auth')).toMatchObject({ ok: true });
    });

    it('marks the integration needs_reconnect when the refresh token was revoked (invalid_grant)', async () => {
      const client = googleClientWithRefreshToken('revoked');
      google.failClient(client.clientId, 'invalid_grant');
      const port = await smtpServer();
      const { result, integration } = await runTest(port, { provider: 'google', ...client });
      expect(result.ok).toBe(false);
      expect(result.steps.at(-1)).toMatchObject({ name: 'token', ok: false, detail: expect.stringMatching(/invalid_grant/) });
      expect(result.hint).toMatch(/connect/);
      expect(integration.status).toMatchObject({ state: 'needs_reconnect', hint: result.hint });
    });
  });

  it('never shows a client secret, refresh token or access token in any answer or log line', () => {
    const accessTokens = [...google['accessTokens'].keys(), ...microsoft['accessTokens'].keys()];
    expect(accessTokens.length).toBeGreaterThan(1);
    const seen = [...answers, ...t.logs].join('\n');
    for (const secret of [...secrets, ...accessTokens]) expect(seen).not.toContain(secret);
  });
});

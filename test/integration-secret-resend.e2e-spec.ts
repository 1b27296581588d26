import { randomBytes } from 'node:crypto';
import { FakeGoogleOAuth } from './support/fake-google-oauth';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer, FakeSmtpServerOptions } from './support/fake-smtp-server';
import { basicIntegration, createIntegration, step } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const USER = 'sender@example.com';
const PASSWORD = 'Mailbox-Passw0rd-under-attack';
const MAILBOX = 'sender@contoso.example';
const TENANT = 'contoso.onmicrosoft.com';
const run = randomBytes(4).toString('hex');

/**
 * An admin key that leaks must not be enough to aim an integration at another server (or tenant)
 * and have `POST …/test` hand it the stored password or an access token: a PATCH that changes where
 * or how credentials are sent carries no stored secret over.
 */
describe('PATCH /integrations/{id}: stored secrets and where they are sent', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let google: FakeGoogleOAuth;
  let microsoft: FakeMicrosoftIdentity;
  let mailbox: FakeSmtpServer;
  let mailboxPort: number;
  const servers = new Map<FakeSmtpServer, number>();

  async function smtpServer(options: FakeSmtpServerOptions): Promise<FakeSmtpServer> {
    const smtp = new FakeSmtpServer(options);
    servers.set(smtp, (await smtp.start()).port);
    return smtp;
  }

  /** A server the attacker controls: it accepts any login and keeps what it was sent. */
  const attackerServer = (security: 'starttls' | 'tls' = 'starttls') =>
    smtpServer({ security, authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] });
  const portOf = (smtp: FakeSmtpServer) => servers.get(smtp)!;

  const path = (id: string) => `/v1/workspaces/${ws.id}/integrations/${id}`;
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(path(id)).set(bearer(ws.adminKey)).send(body);
  const test = async (id: string) =>
    (
      await t.http
        .post(`${path(id)}/test`)
        .set(bearer(ws.adminKey))
        .send({})
        .expect(200)
    ).body;
  const get = async (id: string) => (await t.http.get(path(id)).set(bearer(ws.adminKey)).expect(200)).body;
  const basic = (password = PASSWORD) => ({ type: 'basic', username: USER, password });
  const basicAt = (port: number) => createIntegration(t, ws, basicIntegration({ usage: {}, port, auth: basic() }));

  beforeAll(async () => {
    [google, microsoft] = await Promise.all([FakeGoogleOAuth.start(), FakeMicrosoftIdentity.start()]);
    t = await startTestApp({
      env: { MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost, GOOGLE_TOKEN_URL: google.tokenUrl, GOOGLE_AUTH_URL: google.authUrl },
    });
    ws = await createWorkspace(t);
    mailbox = await smtpServer({ security: 'starttls', users: { [USER]: PASSWORD } });
    mailboxPort = portOf(mailbox);
  });

  afterAll(async () => {
    await Promise.all([...servers.keys()].map((smtp) => smtp.stop()));
    await Promise.all([google?.close(), microsoft?.close()]);
    await t?.close();
  });

  describe('basic auth', () => {
    it('refuses to point the integration at another server without the password, and that server never sees it', async () => {
      const integration = await basicAt(mailboxPort);
      const attacker = await attackerServer();

      const refused = await patch(integration.id, { host: 'localhost', port: portOf(attacker) }).expect(422);
      expect(refused.body.message).toEqual(['auth.password: resend the password when changing host and port']);

      const result = await test(integration.id);
      expect(result.ok).toBe(true);
      expect(attacker.authAttempts).toEqual([]);
      expect(await get(integration.id)).toMatchObject({ host: '127.0.0.1', port: mailboxPort, auth: { hasPassword: true } });
    });

    it.each([
      ['host', { host: 'localhost' }],
      ['port', { port: 2526 }],
      ['security', { security: 'tls' }],
      ['allowSelfSignedCertificate', { allowSelfSignedCertificate: true }],
    ])('refuses a change of %s alone without the password, naming it', async (field, change) => {
      const integration = await basicAt(mailboxPort);
      const refused = await patch(integration.id, { ...change, auth: { type: 'basic', username: USER } }).expect(422);
      expect(refused.body.message).toEqual([`auth.password: resend the password when changing ${field}`]);
    });

    it('moves to another server when the password is sent again, even the same one', async () => {
      const integration = await basicAt(mailboxPort);
      const other = await smtpServer({ security: 'tls', users: { [USER]: PASSWORD } });

      const moved = await patch(integration.id, { host: 'localhost', port: portOf(other), security: 'tls', auth: basic(PASSWORD) }).expect(
        200,
      );
      expect(moved.body).toMatchObject({ host: 'localhost', port: portOf(other), security: 'tls', auth: { hasPassword: true } });
      expect((await test(integration.id)).ok).toBe(true);
      expect(other.authAttempts).toEqual([expect.objectContaining({ username: USER, password: PASSWORD, accepted: true })]);
    });

    it('keeps the stored password for a PATCH that changes nothing about where it goes', async () => {
      const integration = await basicAt(mailboxPort);

      await patch(integration.id, { name: 'Renamed' }).expect(200);
      await patch(integration.id, { host: '127.0.0.1', port: mailboxPort, security: 'starttls', allowSelfSignedCertificate: false }).expect(
        200,
      );
      await patch(integration.id, { ehloHostname: 'mail.example.com', auth: { type: 'basic', username: USER } }).expect(200);

      expect(await get(integration.id)).toMatchObject({ name: 'Renamed', auth: { hasPassword: true } });
      expect((await test(integration.id)).ok).toBe(true);
    });
  });

  describe('OAuth2', () => {
    function microsoftApp(name: string) {
      const app = { tenantId: TENANT, clientId: `${name}-${run}`, clientSecret: `ms~${name}~${randomBytes(8).toString('hex')}` };
      microsoft.addApp(app);
      return app;
    }

    function googleClient(name: string) {
      const client = { clientId: `${name}-${run}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${randomBytes(8).toString('hex')}` };
      google.addClient(client);
      return { ...client, refreshToken: google.issueRefreshToken(client.clientId) };
    }

    const xoauth2Mailbox = () =>
      smtpServer({
        authMethods: ['XOAUTH2'],
        acceptAccessToken: (username, token) =>
          username === MAILBOX && (microsoft.isValidAccessToken(token) || google.isValidAccessToken(token)),
      });

    const oauthIntegration = async (port: number, auth: Record<string, unknown>) =>
      createIntegration(t, ws, basicIntegration({ usage: {}, port, auth: { type: 'oauth2', username: MAILBOX, ...auth } }));

    it('refuses to send an app-only access token to another server without the client secret', async () => {
      const app = microsoftApp('moved');
      const integration = await oauthIntegration(portOf(await xoauth2Mailbox()), {
        provider: 'microsoft',
        flow: 'client_credentials',
        ...app,
      });
      const attacker = await attackerServer();

      const refused = await patch(integration.id, { port: portOf(attacker) }).expect(422);
      expect(refused.body.message).toEqual(['auth.clientSecret: resend the client secret when changing port']);

      expect(step(await test(integration.id), 'auth')).toMatchObject({ ok: true });
      expect(attacker.authAttempts).toEqual([]);
    });

    it('refuses another Microsoft tenant without the client secret, and takes it with the secret', async () => {
      const app = microsoftApp('tenant');
      const integration = await oauthIntegration(portOf(await xoauth2Mailbox()), {
        provider: 'microsoft',
        flow: 'client_credentials',
        ...app,
      });

      const refused = await patch(integration.id, { auth: { type: 'oauth2', tenantId: 'fabrikam.onmicrosoft.com' } }).expect(422);
      expect(refused.body.message).toEqual(['auth.clientSecret: resend the client secret when changing auth.tenantId']);

      const moved = await patch(integration.id, {
        auth: { type: 'oauth2', tenantId: 'fabrikam.onmicrosoft.com', clientSecret: app.clientSecret },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.auth).toMatchObject({ tenantId: 'fabrikam.onmicrosoft.com', hasClientSecret: true });
    });

    it('needs the refresh token as well for a refresh-token flow, or null to drop it and connect again', async () => {
      const client = googleClient('moved');
      const integration = await oauthIntegration(portOf(await xoauth2Mailbox()), { provider: 'google', ...client });
      const attacker = await attackerServer();

      const withoutAnything = await patch(integration.id, { port: portOf(attacker) }).expect(422);
      expect(withoutAnything.body.message).toEqual([
        'auth.clientSecret: resend the client secret when changing port',
        'auth.refreshToken: resend the refresh token (or null to drop it and connect again) when changing port',
      ]);
      const withSecretOnly = await patch(integration.id, {
        port: portOf(attacker),
        auth: { type: 'oauth2', clientSecret: client.clientSecret },
      }).expect(422);
      expect(withSecretOnly.body.message).toEqual([
        'auth.refreshToken: resend the refresh token (or null to drop it and connect again) when changing port',
      ]);
      expect((await test(integration.id)).ok).toBe(true);
      expect(attacker.authAttempts).toEqual([]);

      const dropped = await patch(integration.id, {
        port: portOf(attacker),
        auth: { type: 'oauth2', clientSecret: client.clientSecret, refreshToken: null },
      });
      expect(dropped.status).toBe(200);
      expect(dropped.body).toMatchObject({ auth: { hasClientSecret: true, hasRefreshToken: false }, status: { state: 'needs_reconnect' } });
      expect((await test(integration.id)).ok).toBe(false);
      expect(attacker.authAttempts).toEqual([]);
    });

    it('moves a refresh-token integration when both secrets are sent again', async () => {
      const client = googleClient('resent');
      const integration = await oauthIntegration(portOf(await xoauth2Mailbox()), { provider: 'google', ...client });
      const other = await xoauth2Mailbox();

      await patch(integration.id, {
        host: 'localhost',
        port: portOf(other),
        auth: { type: 'oauth2', clientSecret: client.clientSecret, refreshToken: client.refreshToken },
      }).expect(200);
      expect((await test(integration.id)).ok).toBe(true);
      expect(other.authAttempts).toEqual([expect.objectContaining({ method: 'XOAUTH2', username: MAILBOX, accepted: true })]);
    });

    it('keeps the stored secrets when only the name changes', async () => {
      const client = googleClient('renamed');
      const integration = await oauthIntegration(portOf(await xoauth2Mailbox()), { provider: 'google', ...client });

      const renamed = await patch(integration.id, { name: 'Renamed Google' }).expect(200);
      expect(renamed.body.auth).toMatchObject({ hasClientSecret: true, hasRefreshToken: true });
      expect((await test(integration.id)).ok).toBe(true);
    });
  });
});

import { randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import { FakeGoogleOAuth } from './support/fake-google-oauth';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const PUBLIC_BASE_URL = 'https://mailroom.example.test';
const REDIRECT_URI = `${PUBLIC_BASE_URL}/v1/oauth2/callback`;
const TENANT = 'fabrikam.onmicrosoft.com';
const MAILBOX = 'sender@example.com';
const run = randomBytes(4).toString('hex');

describe('OAuth2 connect flow (authorize → consent → callback)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let google: FakeGoogleOAuth;
  let microsoft: FakeMicrosoftIdentity;
  let smtp: FakeSmtpServer;
  let smtpPort: number;
  let googleRefreshTokens: jest.SpyInstance<string, [string]>;
  let microsoftRefreshTokens: jest.SpyInstance<string, [{ tenantId: string; clientId: string; scope?: string }]>;
  const clientSecrets: string[] = [];
  const codes: string[] = [];
  const states: string[] = [];
  /** Every answer of the callback (pages and Location headers), and every other API answer. */
  const callbackAnswers: string[] = [];
  const apiAnswers: string[] = [];

  function googleClient(name: string) {
    const client = { clientId: `${name}-${run}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${name}-${randomBytes(8).toString('hex')}` };
    google.addClient(client);
    clientSecrets.push(client.clientSecret);
    return client;
  }

  function microsoftApp(name: string) {
    const app = { tenantId: TENANT, clientId: `${name}-${run}`, clientSecret: `ms~${name}~${randomBytes(8).toString('hex')}` };
    microsoft.addApp(app);
    clientSecrets.push(app.clientSecret);
    return app;
  }

  async function googleIntegration(client: { clientId: string; clientSecret: string }, overrides: Record<string, unknown> = {}) {
    return createIntegration(t, ws, basicIntegration({
      usage: {},
      port: smtpPort,
      auth: { type: 'oauth2', provider: 'google', clientId: client.clientId, clientSecret: client.clientSecret, username: MAILBOX },
      ...overrides,
    }));
  }

  async function microsoftIntegration(app: { tenantId: string; clientId: string; clientSecret: string }) {
    return createIntegration(t, ws, basicIntegration({
      usage: {},
      port: smtpPort,
      auth: { type: 'oauth2', provider: 'microsoft', flow: 'refresh_token', tenantId: app.tenantId, clientId: app.clientId, clientSecret: app.clientSecret, username: MAILBOX },
    }));
  }

  function integrationPath(id: string): string {
    return `/v1/workspaces/${ws.id}/integrations/${id}`;
  }

  async function authorize(integrationId: string, body: Record<string, unknown> = {}): Promise<URL> {
    const response = await t.http.post(`${integrationPath(integrationId)}/oauth2/authorize`).set(bearer(ws.adminKey)).send(body).expect(200);
    apiAnswers.push(JSON.stringify(response.body));
    const url = new URL(response.body.authorizationUrl);
    states.push(url.searchParams.get('state')!);
    return url;
  }

  /** What the consent screen does before sending the browser back: remember the code with the PKCE challenge. */
  function consentAtGoogle(url: URL, withRefreshToken = true): string {
    const code = `4/fake-code-${randomBytes(10).toString('hex')}`;
    codes.push(code);
    google.registerAuthorizationCode({
      code,
      clientId: url.searchParams.get('client_id')!,
      codeChallenge: url.searchParams.get('code_challenge')!,
      redirectUri: url.searchParams.get('redirect_uri')!,
      withRefreshToken,
    });
    return code;
  }

  function consentAtMicrosoft(url: URL): string {
    const code = `M.fake-code-${randomBytes(10).toString('hex')}`;
    codes.push(code);
    microsoft.registerAuthorizationCode({
      code,
      tenantId: decodeURIComponent(url.pathname.split('/')[1]!),
      clientId: url.searchParams.get('client_id')!,
      codeChallenge: url.searchParams.get('code_challenge')!,
      redirectUri: url.searchParams.get('redirect_uri')!,
    });
    return code;
  }

  async function callback(query: Record<string, string>): Promise<Response> {
    const response = await t.http.get('/v1/oauth2/callback').query(query);
    callbackAnswers.push(response.text, response.headers.location ?? '');
    return response;
  }

  async function getIntegration(id: string): Promise<Record<string, any>> {
    const response = await t.http.get(integrationPath(id)).set(bearer(ws.adminKey)).expect(200);
    apiAnswers.push(JSON.stringify(response.body));
    return response.body;
  }

  async function testIntegration(id: string): Promise<Record<string, any>> {
    const response = await t.http.post(`${integrationPath(id)}/test`).set(bearer(ws.adminKey)).send({}).expect(200);
    apiAnswers.push(JSON.stringify(response.body));
    return response.body;
  }

  const step = (result: Record<string, any>, name: string) => result.steps.find((s: { name: string }) => s.name === name);

  beforeAll(async () => {
    [google, microsoft] = await Promise.all([FakeGoogleOAuth.start(), FakeMicrosoftIdentity.start()]);
    googleRefreshTokens = jest.spyOn(google, 'issueRefreshToken');
    microsoftRefreshTokens = jest.spyOn(microsoft, 'issueRefreshToken');
    smtp = new FakeSmtpServer({
      authMethods: ['XOAUTH2'],
      acceptAccessToken: (username, token) => username === MAILBOX && (google.isValidAccessToken(token) || microsoft.isValidAccessToken(token)),
    });
    smtpPort = (await smtp.start()).port;
    t = await startTestApp({
      captureLogs: true,
      env: {
        PUBLIC_BASE_URL,
        GOOGLE_AUTH_URL: google.authUrl,
        GOOGLE_TOKEN_URL: google.tokenUrl,
        MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      },
    });
    ws = await createWorkspace(t);
  });

  afterAll(async () => {
    await smtp?.stop();
    await Promise.all([google?.close(), microsoft?.close()]);
    await t?.close();
  });

  describe('Google', () => {
    it('asks for offline access with forced consent, PKCE (S256) and a state, for the registered redirect URI', async () => {
      const client = googleClient('consent-url');
      const integration = await googleIntegration(client);
      // No body at all: returnUrl is optional.
      const response = await t.http.post(`${integrationPath(integration.id)}/oauth2/authorize`).set(bearer(ws.adminKey)).expect(200);
      expect(response.body).toEqual({ authorizationUrl: expect.any(String), redirectUri: REDIRECT_URI, expiresAt: expect.any(String) });
      const url = new URL(response.body.authorizationUrl);
      expect(`${url.origin}${url.pathname}`).toBe(google.authUrl);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: client.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'https://mail.google.com/',
        access_type: 'offline',
        prompt: 'consent',
        state: expect.stringMatching(/^[\w-]{20,}$/),
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
      });
      const expiresIn = new Date(response.body.expiresAt).getTime() - Date.now();
      expect(expiresIn).toBeGreaterThan(9 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);
    });

    it('stores the refresh token, redirects to the returnUrl, and the token then authenticates over SMTP', async () => {
      const client = googleClient('happy');
      const integration = await googleIntegration(client);
      expect(integration.status.state).toBe('needs_reconnect');
      expect(integration.auth.hasRefreshToken).toBe(false);

      const returnUrl = `${PUBLIC_BASE_URL}/integrations/${integration.id}?tab=auth`;
      const url = await authorize(integration.id, { returnUrl });
      const code = consentAtGoogle(url);
      const response = await callback({ code, state: url.searchParams.get('state')!, scope: 'https://mail.google.com/', authuser: '0' });

      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(returnUrl);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const after = await getIntegration(integration.id);
      expect(after.auth.hasRefreshToken).toBe(true);
      expect(after.status).toMatchObject({ state: 'untested', lastError: null, hint: null });

      const result = await testIntegration(integration.id);
      expect(result.ok).toBe(true);
      expect(step(result, 'token')).toMatchObject({ ok: true });
      expect(step(result, 'auth')).toMatchObject({ ok: true });
      expect(smtp.authAttempts.at(-1)).toMatchObject({ method: 'XOAUTH2', username: MAILBOX, accepted: true });
      expect(google.tokenRequestCount('refresh_token')).toBeGreaterThan(0);
    });

    it('redirects to a relative returnUrl on the origin of PUBLIC_BASE_URL', async () => {
      const integration = await googleIntegration(googleClient('relative'));
      const url = await authorize(integration.id, { returnUrl: '/dashboard/integrations?connected=1' });
      const response = await callback({ code: consentAtGoogle(url), state: url.searchParams.get('state')! });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`${PUBLIC_BASE_URL}/dashboard/integrations?connected=1`);
    });

    it.each([['https://evil.example/steal'], ['//evil.example/steal'], ['/\\evil.example/steal'], ['javascript:alert(document.domain)']])(
      'never redirects to %s: the refresh token is stored and a success page shown instead',
      async (returnUrl) => {
        const integration = await googleIntegration(googleClient('evil'));
        const url = await authorize(integration.id, { returnUrl });
        const response = await callback({ code: consentAtGoogle(url), state: url.searchParams.get('state')! });
        expect(response.status).toBe(200);
        expect(response.headers.location).toBeUndefined();
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toMatch(/Connected/);
        expect(response.text).not.toMatch(/evil\.example|javascript:/);
        expect((await getIntegration(integration.id)).auth.hasRefreshToken).toBe(true);
      },
    );

    it('shows a success page when no returnUrl was given, escaping the integration name', async () => {
      const integration = await googleIntegration(googleClient('page'), { name: 'Gmail <b>"sales"</b>' });
      const url = await authorize(integration.id);
      const response = await callback({ code: consentAtGoogle(url), state: url.searchParams.get('state')! });
      expect(response.status).toBe(200);
      expect(response.text).toContain('Gmail &lt;b&gt;&quot;sales&quot;&lt;/b&gt;');
      expect(response.text).not.toContain('<b>');
    });

    it('tells the user to revoke access and consent again when Google sends no refresh token', async () => {
      const integration = await googleIntegration(googleClient('no-rt'));
      const url = await authorize(integration.id);
      const response = await callback({ code: consentAtGoogle(url, false), state: url.searchParams.get('state')! });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(/no refresh token/i);
      expect(response.text).toMatch(/revoke/i);
      expect(response.text).toMatch(/consent/i);
      expect(response.text).toContain('https://myaccount.google.com/permissions');
      const after = await getIntegration(integration.id);
      expect(after.auth.hasRefreshToken).toBe(false);
      expect(after.status.state).toBe('needs_reconnect');
    });

    it('answers 502 with a page naming the failure when Google fails the code exchange', async () => {
      const client = googleClient('exchange-fails');
      const integration = await googleIntegration(client);
      const url = await authorize(integration.id);
      const code = consentAtGoogle(url);
      google.failClient(client.clientId, 'internal_failure');
      const response = await callback({ code, state: url.searchParams.get('state')! });
      google.clearFailure(client.clientId);
      expect(response.status).toBe(502);
      expect(response.text).toMatch(/Google OAuth answered internal_failure/);
      expect((await getIntegration(integration.id)).auth.hasRefreshToken).toBe(false);
    });

    it('makes a revoked integration work again at once: the old failure and cached token are forgotten', async () => {
      const client = googleClient('revoked');
      const integration = await googleIntegration(client, { auth: { type: 'oauth2', provider: 'google', clientId: client.clientId, clientSecret: client.clientSecret, username: MAILBOX, refreshToken: '1//revoked-refresh-token-value' } });
      const before = await testIntegration(integration.id);
      expect(step(before, 'token')).toMatchObject({ ok: false });
      expect((await getIntegration(integration.id)).status.state).toBe('needs_reconnect');

      const url = await authorize(integration.id);
      expect((await callback({ code: consentAtGoogle(url), state: url.searchParams.get('state')! })).status).toBe(200);
      expect((await getIntegration(integration.id)).status.state).toBe('untested');
      const after = await testIntegration(integration.id);
      expect(after.ok).toBe(true);
      expect((await getIntegration(integration.id)).status.state).toBe('ok');
    });
  });

  describe('Microsoft (delegated)', () => {
    it("asks the integration's tenant for offline_access and SMTP.Send with PKCE, then stores a refresh token that works", async () => {
      const app = microsoftApp('delegated');
      const integration = await microsoftIntegration(app);
      const returnUrl = `${PUBLIC_BASE_URL}/integrations/${integration.id}`;
      const url = await authorize(integration.id, { returnUrl });

      expect(`${url.origin}${url.pathname}`).toBe(`${microsoft.authorityHost}/${TENANT}/oauth2/v2.0/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: app.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'offline_access https://outlook.office.com/SMTP.Send',
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
        state: expect.any(String),
      });

      const response = await callback({ code: consentAtMicrosoft(url), state: url.searchParams.get('state')!, session_state: 'x' });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(returnUrl);
      expect(microsoft.tokenRequests.filter((r) => r.clientId === app.clientId)).toEqual([
        { tenantId: TENANT, grantType: 'authorization_code', clientId: app.clientId, scope: 'offline_access https://outlook.office.com/SMTP.Send' },
      ]);
      const after = await getIntegration(integration.id);
      expect(after.auth.hasRefreshToken).toBe(true);
      expect(after.status.state).toBe('untested');

      const result = await testIntegration(integration.id);
      expect(result.ok).toBe(true);
      expect(step(result, 'token')).toMatchObject({ ok: true });
      expect(step(result, 'auth')).toMatchObject({ ok: true });
    });

    it('answers 502 with the fix when the client secret is wrong at the code exchange', async () => {
      const app = microsoftApp('wrong-secret');
      const integration = await createIntegration(t, ws, basicIntegration({
        usage: {},
        port: smtpPort,
        auth: { type: 'oauth2', provider: 'microsoft', flow: 'refresh_token', tenantId: TENANT, clientId: app.clientId, clientSecret: 'the-secret-ID-not-its-value', username: MAILBOX },
      }));
      clientSecrets.push('the-secret-ID-not-its-value');
      const url = await authorize(integration.id);
      const response = await callback({ code: consentAtMicrosoft(url), state: url.searchParams.get('state')! });
      expect(response.status).toBe(502);
      expect(response.text).toMatch(/AADSTS7000215/);
      expect(response.text).toMatch(/Value/);
    });
  });

  describe('refusals', () => {
    let integrationId: string;

    beforeAll(async () => {
      integrationId = (await googleIntegration(googleClient('refusals'))).id;
    });

    it('accepts a state once: the same callback again gets the 400 page', async () => {
      const url = await authorize(integrationId);
      const query = { code: consentAtGoogle(url), state: url.searchParams.get('state')! };
      expect((await callback(query)).status).toBe(200);
      const replay = await callback(query);
      expect(replay.status).toBe(400);
      expect(replay.headers['content-type']).toMatch(/^text\/html/);
      expect(replay.text).toMatch(/no longer valid/);
      expect(replay.text).toMatch(/already completed/);
    });

    it('answers an unknown state, or none, with the 400 page', async () => {
      const unknown = await callback({ code: 'some-code-value', state: 'not-a-state-mailroom-issued' });
      expect(unknown.status).toBe(400);
      expect(unknown.text).toMatch(/no longer valid/);
      expect((await callback({ code: 'some-code-value' })).status).toBe(400);
      expect((await callback({})).status).toBe(400);
    });

    it('answers a refused consent with a 403 page saying so, and the state is spent', async () => {
      const url = await authorize(integrationId);
      const state = url.searchParams.get('state')!;
      const response = await callback({ error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.', state });
      expect(response.status).toBe(403);
      expect(response.text).toMatch(/Consent was refused/);
      expect(response.text).toMatch(/User declined to consent/);
      expect((await callback({ code: consentAtGoogle(url), state })).status).toBe(400);
    });

    it('escapes what the provider put in the redirect', async () => {
      const url = await authorize(integrationId);
      const response = await callback({
        error: 'access_denied',
        error_description: '<script>alert(document.cookie)</script>',
        state: url.searchParams.get('state')!,
      });
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('<script>');
      expect(response.text).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);

      const other = await callback({ error: '<img src=x onerror=alert(1)>', state: 'unknown' });
      expect(other.status).toBe(400);
      expect(other.text).not.toContain('<img');
    });

    it('does not show provider text for a state it did not issue', async () => {
      const response = await callback({ error: 'access_denied', error_description: 'Call +1 555 0100 to restore access', state: 'forged' });
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('555 0100');
    });

    it('never 500s on odd query strings', async () => {
      const response = await t.http.get('/v1/oauth2/callback?code=a&code=b&state=x&state=y');
      expect(response.status).toBe(400);
      const empty = await t.http.get('/v1/oauth2/callback?state=&code=');
      expect(empty.status).toBe(400);
    });

    it('refuses to connect a basic-auth integration with 422 naming the reason', async () => {
      const basic = await createIntegration(t, ws, basicIntegration({ usage: {} }));
      const response = await t.http.post(`${integrationPath(basic.id)}/oauth2/authorize`).set(bearer(ws.adminKey)).send({}).expect(422);
      expect(response.body.message.join(' ')).toMatch(/username and password.*only OAuth2 integrations with a refresh-token flow/);
    });

    it('refuses to connect a Microsoft client-credentials integration with 422 naming the reason', async () => {
      const app = microsoftApp('app-only');
      const integration = await createIntegration(t, ws, basicIntegration({
        usage: {},
        auth: { type: 'oauth2', provider: 'microsoft', flow: 'client_credentials', tenantId: TENANT, clientId: app.clientId, clientSecret: app.clientSecret, username: MAILBOX },
      }));
      const response = await t.http.post(`${integrationPath(integration.id)}/oauth2/authorize`).set(bearer(ws.adminKey)).send({}).expect(422);
      expect(response.body.message.join(' ')).toMatch(/client credentials/);
    });

    it('needs the admin scope, a bearer token, and an integration of the same workspace', async () => {
      const path = `${integrationPath(integrationId)}/oauth2/authorize`;
      await t.http.post(path).send({}).expect(401);
      await t.http.post(path).set(bearer(await createApiKey(t, ws, ['send']))).send({}).expect(403);
      const other = await createWorkspace(t, 'Other');
      await t.http.post(`/v1/workspaces/${other.id}/integrations/${integrationId}/oauth2/authorize`).set(bearer(other.adminKey)).send({}).expect(404);
      await t.http.post(`${integrationPath('not-a-uuid')}/oauth2/authorize`).set(bearer(ws.adminKey)).send({}).expect(404);
    });

    it('validates the returnUrl field', async () => {
      const response = await t.http
        .post(`${integrationPath(integrationId)}/oauth2/authorize`)
        .set(bearer(ws.adminKey))
        .send({ returnUrl: 42 })
        .expect(400);
      expect(response.body.message.join(' ')).toMatch(/returnUrl/);
    });
  });

  it('describes both endpoints in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    const authorizeOp = body.paths['/v1/workspaces/{ws}/integrations/{id}/oauth2/authorize'].post;
    expect(authorizeOp.requestBody.content['application/json'].schema.$ref).toMatch(/AuthorizeIntegrationDto$/);
    expect(authorizeOp.responses['200'].content['application/json'].schema.$ref).toMatch(/AuthorizationResponse$/);
    const callbackOp = body.paths['/v1/oauth2/callback'].get;
    expect(callbackOp.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['code', 'state', 'error']));
    expect(Object.keys(callbackOp.responses)).toEqual(expect.arrayContaining(['200', '302', '400', '403', '502']));
    expect(callbackOp.security ?? []).toEqual([]);
  });

  // Runs last: scans everything the tests above saw.
  it('never shows a client secret, refresh token, access token, authorization code or state in any answer or log line', () => {
    const refreshTokens = [...googleRefreshTokens.mock.results, ...microsoftRefreshTokens.mock.results].map((result) => result.value as string);
    const accessTokens = [...google['accessTokens'], ...microsoft['accessTokens'].keys()];
    expect(refreshTokens.length).toBeGreaterThan(3);
    expect(accessTokens.length).toBeGreaterThan(3);
    expect(codes.length).toBeGreaterThan(3);

    const everywhere = [...callbackAnswers, ...apiAnswers, ...t.logs].join('\n');
    for (const secret of [...clientSecrets, ...refreshTokens, ...accessTokens, ...codes]) {
      expect(everywhere).not.toContain(secret);
    }
    // The state is in the authorization URL by design, but never in what the callback answers or in a log line.
    const callbackAndLogs = [...callbackAnswers, ...t.logs].join('\n');
    for (const state of states) expect(callbackAndLogs).not.toContain(state);
    expect(t.logs.join('\n')).toMatch(/oauth connect completed/);
  });
});

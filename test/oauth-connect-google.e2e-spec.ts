import { FakeGoogleOAuth } from './support/fake-google-oauth';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { step } from './support/integration-factory';
import { OAuthConnectDriver } from './support/oauth-connect-driver';
import { MAILBOX, OAuthProviders, PUBLIC_BASE_URL, REDIRECT_URI, startOAuthProviders } from './support/oauth-providers';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace, createWorkspace } from './support/workspace-factory';

describe('OAuth2 connect flow with Google (authorize → consent → callback)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let providers: OAuthProviders;
  let google: FakeGoogleOAuth;
  let smtp: FakeSmtpServer;
  const connect = new OAuthConnectDriver(() => ({ t, ws, providers }));
  const { googleClient, googleIntegration, integrationPath, authorize, consentAtGoogle, callback, getIntegration, testIntegration } =
    connect;

  beforeAll(async () => {
    providers = await startOAuthProviders();
    ({ google, smtp } = providers);
    t = await startTestApp({ captureLogs: true, env: providers.env });
    ws = await createWorkspace(t);
  });

  afterAll(async () => {
    await providers?.close();
    await t?.close();
  });

  it('tells anyone the redirect URI to register before an integration exists: the one authorize then uses', async () => {
    const { body } = await t.http.get('/v1/oauth2/redirect-uri').expect(200);
    expect(body).toEqual({ redirectUri: REDIRECT_URI });
  });

  it('asks for offline access with forced consent, PKCE (S256) and a state, for the registered redirect URI', async () => {
    const client = googleClient('consent-url');
    const integration = await googleIntegration(client);
    // No body at all: returnUrl is optional.
    const response = await t.http
      .post(`${integrationPath(integration.id)}/oauth2/authorize`)
      .set(bearer(ws.adminKey))
      .expect(200);
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

  it.each([
    ['https://evil.example/steal'],
    ['//evil.example/steal'],
    ['/\\evil.example/steal'],
    ['javascript:alert(document.domain)'],
    // A click-tracking link on Mailroom's own origin redirects onward to any link of a message.
    [`${PUBLIC_BASE_URL}/t/c/eyJtIjoxfQ.c2ln`],
    ['/T/c/eyJtIjoxfQ.c2ln'],
    ['/integrations/%2e%2e/u/token'],
  ])('never redirects to %s: the refresh token is stored and a success page shown instead', async (returnUrl) => {
    const integration = await googleIntegration(googleClient('evil'));
    const url = await authorize(integration.id, { returnUrl });
    const response = await callback({ code: consentAtGoogle(url), state: url.searchParams.get('state')! });
    expect(response.status).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/Connected/);
    expect(response.text).not.toMatch(/evil\.example|javascript:/);
    expect((await getIntegration(integration.id)).auth.hasRefreshToken).toBe(true);
  });

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
    const integration = await googleIntegration(client, {
      auth: {
        type: 'oauth2',
        provider: 'google',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        username: MAILBOX,
        refreshToken: '1//revoked-refresh-token-value',
      },
    });
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

  // Runs last: scans everything the tests above saw.
  it('never shows a client secret, refresh token, access token, authorization code or state in any answer or log line', () => {
    connect.expectNoSecretShown({ seenMoreThan: 3 });
  });
});

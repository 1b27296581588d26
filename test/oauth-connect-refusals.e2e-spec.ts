import { basicIntegration, createIntegration } from './support/integration-factory';
import { OAuthConnectDriver } from './support/oauth-connect-driver';
import { MAILBOX, OAuthProviders, startOAuthProviders, TENANT } from './support/oauth-providers';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, CreatedWorkspace, createWorkspace } from './support/workspace-factory';

describe('OAuth2 connect endpoints (authorize, callback)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let providers: OAuthProviders;
  const connect = new OAuthConnectDriver(() => ({ t, ws, providers }));
  const { googleClient, microsoftApp, googleIntegration, integrationPath, authorize, consentAtGoogle, callback } = connect;

  beforeAll(async () => {
    providers = await startOAuthProviders();
    t = await startTestApp({ captureLogs: true, env: providers.env });
    ws = await createWorkspace(t);
  });

  afterAll(async () => {
    await providers?.close();
    await t?.close();
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
      const response = await callback({
        error: 'access_denied',
        error_description: 'AADSTS65004: User declined to consent to access the app.',
        state,
      });
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
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/no longer valid/);
      expect(response.text).not.toContain('555 0100');
    });

    it.each([
      ['a forged state', { state: 'forged' }],
      ['no state', {}],
    ])('shows only the generic page for a provider error with %s, reflecting none of its text', async (_, extra) => {
      const error = 'Your mailbox is suspended: call +1 555 0100 now';
      const response = await callback({ error, error_description: 'or visit evil.example', ...extra });
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/no longer valid/);
      expect(response.text).not.toMatch(/555 0100|suspended|evil\.example/);
    });

    it('never 500s on odd query strings', async () => {
      const response = await t.http.get('/v1/oauth2/callback?code=a&code=b&state=x&state=y');
      expect(response.status).toBe(400);
      const empty = await t.http.get('/v1/oauth2/callback?state=&code=');
      expect(empty.status).toBe(400);
    });

    it('refuses to connect a basic-auth integration with 422 naming the reason', async () => {
      const basic = await createIntegration(t, ws, basicIntegration({ usage: {} }));
      const response = await t.http
        .post(`${integrationPath(basic.id)}/oauth2/authorize`)
        .set(bearer(ws.adminKey))
        .send({})
        .expect(422);
      expect(response.body.message.join(' ')).toMatch(/username and password.*only OAuth2 integrations with a refresh-token flow/);
    });

    it('refuses to connect a Microsoft client-credentials integration with 422 naming the reason', async () => {
      const app = microsoftApp('app-only');
      const integration = await createIntegration(
        t,
        ws,
        basicIntegration({
          usage: {},
          auth: {
            type: 'oauth2',
            provider: 'microsoft',
            flow: 'client_credentials',
            tenantId: TENANT,
            clientId: app.clientId,
            clientSecret: app.clientSecret,
            username: MAILBOX,
          },
        }),
      );
      const response = await t.http
        .post(`${integrationPath(integration.id)}/oauth2/authorize`)
        .set(bearer(ws.adminKey))
        .send({})
        .expect(422);
      expect(response.body.message.join(' ')).toMatch(/client credentials/);
    });

    it('needs the admin scope, a bearer token, and an integration of the same workspace', async () => {
      const path = `${integrationPath(integrationId)}/oauth2/authorize`;
      await t.http.post(path).send({}).expect(401);
      await t.http
        .post(path)
        .set(bearer(await createApiKey(t, ws, ['send'])))
        .send({})
        .expect(403);
      const other = await createWorkspace(t, 'Other');
      await t.http
        .post(`/v1/workspaces/${other.id}/integrations/${integrationId}/oauth2/authorize`)
        .set(bearer(other.adminKey))
        .send({})
        .expect(404);
      await t.http
        .post(`${integrationPath('not-a-uuid')}/oauth2/authorize`)
        .set(bearer(ws.adminKey))
        .send({})
        .expect(404);
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
    connect.expectNoSecretShown({ seenMoreThan: 0 });
  });
});

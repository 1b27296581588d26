import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { basicIntegration, createIntegration, step } from './support/integration-factory';
import { OAuthConnectDriver } from './support/oauth-connect-driver';
import { MAILBOX, OAuthProviders, PUBLIC_BASE_URL, REDIRECT_URI, startOAuthProviders, TENANT } from './support/oauth-providers';
import { startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace, createWorkspace } from './support/workspace-factory';

describe('OAuth2 connect flow with Microsoft, delegated (authorize → consent → callback)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let providers: OAuthProviders;
  let microsoft: FakeMicrosoftIdentity;
  let smtpPort: number;
  const connect = new OAuthConnectDriver(() => ({ t, ws, providers }));
  const { clientSecrets, microsoftApp, microsoftIntegration, authorize, consentAtMicrosoft, callback, getIntegration, testIntegration } =
    connect;

  beforeAll(async () => {
    providers = await startOAuthProviders();
    ({ microsoft, smtpPort } = providers);
    t = await startTestApp({ captureLogs: true, env: providers.env });
    ws = await createWorkspace(t);
  });

  afterAll(async () => {
    await providers?.close();
    await t?.close();
  });

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
      {
        tenantId: TENANT,
        grantType: 'authorization_code',
        clientId: app.clientId,
        scope: 'offline_access https://outlook.office.com/SMTP.Send',
      },
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
    const integration = await createIntegration(
      t,
      ws,
      basicIntegration({
        usage: {},
        port: smtpPort,
        auth: {
          type: 'oauth2',
          provider: 'microsoft',
          flow: 'refresh_token',
          tenantId: TENANT,
          clientId: app.clientId,
          clientSecret: 'the-secret-ID-not-its-value',
          username: MAILBOX,
        },
      }),
    );
    clientSecrets.push('the-secret-ID-not-its-value');
    const url = await authorize(integration.id);
    const response = await callback({ code: consentAtMicrosoft(url), state: url.searchParams.get('state')! });
    expect(response.status).toBe(502);
    expect(response.text).toMatch(/AADSTS7000215/);
    expect(response.text).toMatch(/Value/);
  });

  // Runs last: scans everything the tests above saw.
  it('never shows a client secret, refresh token, access token, authorization code or state in any answer or log line', () => {
    connect.expectNoSecretShown({ seenMoreThan: 1 });
  });
});

import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@app/config';
import { FakeGoogleOAuth, GoogleOAuthFailure } from '../../../test/support/fake-google-oauth';
import { FakeMicrosoftIdentity, MicrosoftIdentityFailure } from '../../../test/support/fake-microsoft-identity';
import { GoogleRefreshTokenService } from './google-refresh-token.service';
import { MicrosoftClientCredentialsService } from './microsoft-client-credentials.service';
import { MicrosoftRefreshTokenService } from './microsoft-refresh-token.service';
import { GoogleRefreshTokenCredentials, MicrosoftClientCredentials, MicrosoftRefreshTokenCredentials } from './oauth-credentials';
import { OAuthTokenError, oauthTokenErrorFromBody } from './oauth-token-error';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const UNREACHABLE_HOST = 'https://127.0.0.1:1';
const run = randomBytes(4).toString('hex');
let sequence = 0;
const unique = (name: string) => `${name}-${run}-${++sequence}`;
const secret = () => `secret-value-${randomBytes(12).toString('hex')}`;

async function rejectionOf(promise: Promise<unknown>): Promise<OAuthTokenError> {
  const outcome = await promise.then(
    () => new Error('expected the token request to fail'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(OAuthTokenError);
  return outcome as OAuthTokenError;
}

function expectNoSecrets(error: OAuthTokenError, secrets: string[]): void {
  for (const value of secrets) {
    expect(error.message).not.toContain(value);
    expect(JSON.stringify(error)).not.toContain(value);
    expect(error.stack).not.toContain(value);
  }
}

describe('OAuthTokenError from the token endpoints', () => {
  let microsoft: FakeMicrosoftIdentity;
  let google: FakeGoogleOAuth;
  let config: AppConfig;

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([FakeMicrosoftIdentity.start(), FakeGoogleOAuth.start()]);
    config = configFor(microsoft.authorityHost);
  });

  afterAll(async () => {
    await Promise.all([microsoft.close(), google.close()]);
  });

  function configFor(authorityHost: string): AppConfig {
    return loadConfig({ ...process.env, MICROSOFT_AUTHORITY_HOST: authorityHost, GOOGLE_TOKEN_URL: google.tokenUrl });
  }

  function microsoftApp(): MicrosoftClientCredentials {
    const app = { tenantId: TENANT, clientId: unique('app'), clientSecret: secret() };
    microsoft.addApp(app);
    return { provider: 'microsoft', flow: 'client_credentials', ...app };
  }

  describe('Microsoft app-only tokens (msal)', () => {
    const issue = (credentials: MicrosoftClientCredentials, host = microsoft.authorityHost) =>
      rejectionOf(new MicrosoftClientCredentialsService(configFor(host)).issue(credentials));

    it.each<[string, (app: MicrosoftClientCredentials) => MicrosoftClientCredentials, string, string, RegExp]>([
      [
        'the secret ID pasted instead of its value',
        (app) => ({ ...app, clientSecret: `id-${secret()}` }),
        'invalid_client',
        'AADSTS7000215',
        /"Value".*not its "Secret ID"/,
      ],
      [
        'an app unknown in the tenant',
        (app) => ({ ...app, clientId: unique('missing-app') }),
        'unauthorized_client',
        'AADSTS700016',
        /not found in this tenant.*admin consent/,
      ],
      [
        'an expired client secret',
        (app) => (microsoft.expireSecret(TENANT, app.clientId), app),
        'invalid_client',
        'AADSTS7000222',
        /secret has expired.*new one/,
      ],
      [
        'a tenant that does not exist',
        (app) => ({ ...app, tenantId: 'not-a-tenant.example' }),
        'invalid_request',
        'AADSTS90002',
        /tenant was not found/,
      ],
      ['a scope the app may not have', (app) => fail(app, 'invalid_scope'), 'invalid_scope', 'AADSTS70011', /SMTP\.SendAsApp/],
      ['a disabled application', (app) => fail(app, 'unauthorized_client'), 'unauthorized_client', 'AADSTS70001', /disabled/],
    ])('explains %s', async (_, arrange, code, providerCode, hint) => {
      const credentials = arrange(microsoftApp());

      const error = await issue(credentials);

      expect(error).toMatchObject({ provider: 'microsoft', code, providerCode, transient: false });
      expect(error.message).toContain(providerCode);
      expect(error.hint).toMatch(hint);
      expectNoSecrets(error, [credentials.clientSecret]);
    });

    function fail(app: MicrosoftClientCredentials, failure: MicrosoftIdentityFailure): MicrosoftClientCredentials {
      microsoft.failClient(app.clientId, failure);
      return app;
    }

    it('marks a 503 as transient, then msal refuses the same request locally without calling Microsoft', async () => {
      const credentials = microsoftApp();
      microsoft.failClient(credentials.clientId, 'temporarily_unavailable');
      const service = new MicrosoftClientCredentialsService(config);

      const first = await rejectionOf(service.issue(credentials));
      const second = await rejectionOf(service.issue(credentials));

      expect(first).toMatchObject({ code: 'temporarily_unavailable', transient: true, status: 503 });
      expect(second).toMatchObject({ code: 'throttled', transient: true });
      expect(microsoft.tokenRequests.filter((request) => request.clientId === credentials.clientId)).toHaveLength(1);
    });

    it('marks an unreachable authority as transient', async () => {
      const error = await issue(microsoftApp(), UNREACHABLE_HOST);

      expect(error).toMatchObject({ code: 'network_error', transient: true });
      expect(error.hint).toMatch(/could not be reached/);
    });
  });

  describe('Microsoft delegated refresh', () => {
    function delegated(): MicrosoftRefreshTokenCredentials {
      const app = microsoftApp();
      return {
        ...app,
        flow: 'refresh_token',
        refreshToken: microsoft.issueRefreshToken({ tenantId: TENANT, clientId: app.clientId }),
        readsMailbox: false,
      };
    }
    const issue = (credentials: MicrosoftRefreshTokenCredentials, host = microsoft.authorityHost) =>
      rejectionOf(new MicrosoftRefreshTokenService(configFor(host)).issue(credentials));

    it('explains an expired or revoked refresh token (invalid_grant) without mentioning Google', async () => {
      const credentials = delegated();
      microsoft.failClient(credentials.clientId, 'invalid_grant');

      const error = await issue(credentials);

      expect(error).toMatchObject({ code: 'invalid_grant', providerCode: 'AADSTS700082', transient: false });
      expect(error.hint).toMatch(/expired or was revoked.*connect/);
      expect(error.hint).not.toMatch(/Testing/);
      expectNoSecrets(error, [credentials.clientSecret, credentials.refreshToken]);
    });

    it('marks a 503 and an unreachable host as transient', async () => {
      const credentials = delegated();
      microsoft.failClient(credentials.clientId, 'temporarily_unavailable');

      expect(await issue(credentials)).toMatchObject({ code: 'temporarily_unavailable', transient: true });
      expect(await issue(credentials, UNREACHABLE_HOST)).toMatchObject({ code: 'network_error', transient: true });
    });
  });

  describe('Google refresh (google-auth-library)', () => {
    function googleCredentials(): GoogleRefreshTokenCredentials {
      const client = { clientId: `${unique('client')}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${secret()}` };
      google.addClient(client);
      return { provider: 'google', flow: 'refresh_token', ...client, refreshToken: google.issueRefreshToken(client.clientId) };
    }
    const issue = (credentials: GoogleRefreshTokenCredentials) => rejectionOf(new GoogleRefreshTokenService(config).issue(credentials));
    const failing = (failure: GoogleOAuthFailure) => {
      const credentials = googleCredentials();
      google.failClient(credentials.clientId, failure);
      return credentials;
    };

    it.each<[string, () => GoogleRefreshTokenCredentials, string, RegExp]>([
      ['an expired or revoked refresh token', () => failing('invalid_grant'), 'invalid_grant', /7 days.*"Testing".*publish/],
      [
        'a wrong client secret',
        () => ({ ...googleCredentials(), clientSecret: `GOCSPX-${secret()}` }),
        'invalid_client',
        /Google Cloud console/,
      ],
      [
        'a refresh token issued to another client',
        () => ({ ...googleCredentials(), refreshToken: googleCredentials().refreshToken }),
        'unauthorized_client',
        /different client ID/,
      ],
      ['a scope missing from the consent screen', () => failing('invalid_scope'), 'invalid_scope', /mail\.google\.com/],
    ])('explains %s', async (_, arrange, code, hint) => {
      const credentials = arrange();

      const error = await issue(credentials);

      expect(error).toMatchObject({ provider: 'google', code, transient: false });
      expect(error.hint).toMatch(hint);
      expectNoSecrets(error, [credentials.clientSecret, credentials.refreshToken]);
    });

    it('marks a 503 as transient (after google-auth-library has retried it)', async () => {
      const error = await issue(failing('internal_failure'));

      expect(error).toMatchObject({ code: 'internal_failure', status: 503, transient: true });
      expect(error.hint).toMatch(/temporarily unavailable/);
    });

    it('marks an unreachable token endpoint as transient', async () => {
      const unreachable = loadConfig({ ...process.env, GOOGLE_TOKEN_URL: 'http://127.0.0.1:1/token' });

      const error = await rejectionOf(new GoogleRefreshTokenService(unreachable).issue(googleCredentials()));

      expect(error).toMatchObject({ code: 'network_error', transient: true });
    });
  });

  it('removes a secret the provider echoes back in its description', () => {
    const refreshToken = `1//${secret()}`;

    const error = oauthTokenErrorFromBody(
      'google',
      400,
      { error: 'invalid_request', error_description: `Bad refresh_token ${refreshToken}` },
      [refreshToken],
    );

    expect(error.message).toBe('Google OAuth answered invalid_request: Bad refresh_token [redacted]');
  });
});

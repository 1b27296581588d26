import { createHash, randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { FakeGoogleOAuth } from '../../../test/support/fake-google-oauth';
import { FakeMicrosoftIdentity } from '../../../test/support/fake-microsoft-identity';
import { AccessTokenService } from './access-token.service';
import { AuthorizationCodeService, ConnectClient } from './authorization-code.service';
import { OAuthTokenError } from './oauth-token-error';
import { OAuthModule } from './oauth.module';
import { createPkcePair } from './pkce';
import { TokenIssuerService } from './token-issuer.service';

const TENANT = 'fabrikam.onmicrosoft.com';
const REDIRECT_URI = 'https://mailroom.example.com/v1/oauth2/callback';
const run = randomBytes(4).toString('hex');

describe('AuthorizationCodeService', () => {
  let microsoft: FakeMicrosoftIdentity;
  let google: FakeGoogleOAuth;
  let moduleRef: TestingModule;
  let codes: AuthorizationCodeService;
  let issuer: TokenIssuerService;

  const googleClient = {
    provider: 'google',
    clientId: `client-${run}.apps.googleusercontent.com`,
    clientSecret: `GOCSPX-${run}-secret`,
  } as const;
  const microsoftClient = {
    provider: 'microsoft',
    tenantId: TENANT,
    clientId: `app-${run}`,
    clientSecret: `secret-value-${run}`,
    readsMailbox: false,
  } as const;

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([FakeMicrosoftIdentity.start(), FakeGoogleOAuth.start()]);
    microsoft.addApp(microsoftClient);
    google.addClient(googleClient);
    const config = loadConfig({
      ...process.env,
      REDIS_PREFIX: `mr-test-oauth-${run}`,
      MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_AUTH_URL: google.authUrl,
    });
    // The module as the apps wire it, with this spec's configuration.
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule, OAuthModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    codes = moduleRef.get(AuthorizationCodeService);
    issuer = moduleRef.get(TokenIssuerService);
    expect(moduleRef.get(AccessTokenService)).toBeInstanceOf(AccessTokenService);
  });

  afterAll(async () => {
    await moduleRef.close();
    await Promise.all([microsoft.close(), google.close()]);
  });

  const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
  const consentParams = (codeChallenge: string) => ({
    redirectUri: REDIRECT_URI,
    state: randomBytes(24).toString('base64url'),
    codeChallenge,
  });

  /** What happens in the browser: the provider shows consent and redirects back with a code bound to the challenge. */
  function consent(client: ConnectClient, options: { withRefreshToken?: boolean } = {}) {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const params = new URL(codes.consentUrl(client, consentParams(codeChallenge))).searchParams;
    const code = `code-${randomBytes(8).toString('hex')}`;
    const pending = {
      code,
      clientId: client.clientId,
      codeChallenge: params.get('code_challenge')!,
      redirectUri: params.get('redirect_uri')!,
    };
    if (client.provider === 'google') google.registerAuthorizationCode({ ...pending, withRefreshToken: options.withRefreshToken ?? true });
    else microsoft.registerAuthorizationCode({ ...pending, tenantId: client.tenantId });
    return { code, codeVerifier };
  }

  describe('consent URLs', () => {
    it('asks Google for offline access to Gmail with forced consent, PKCE S256 and the state, for the given redirect URI', () => {
      const { codeVerifier, codeChallenge } = createPkcePair();
      const params = consentParams(codeChallenge);

      const url = new URL(codes.consentUrl(googleClient, params));

      expect(`${url.origin}${url.pathname}`).toBe(google.authUrl);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: googleClient.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'https://mail.google.com/',
        access_type: 'offline',
        prompt: 'consent',
        state: params.state,
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      });
      expect(url.searchParams.get('code_challenge')).toBe(challengeOf(codeVerifier));
    });

    it('asks Microsoft for delegated SMTP.Send with offline_access in the integration tenant, with PKCE S256 and the state', () => {
      const { codeVerifier, codeChallenge } = createPkcePair();
      const params = consentParams(codeChallenge);

      const url = new URL(codes.consentUrl(microsoftClient, params));

      expect(`${url.origin}${url.pathname}`).toBe(`${microsoft.authorityHost}/${TENANT}/oauth2/v2.0/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: microsoftClient.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'offline_access https://outlook.office.com/SMTP.Send',
        state: params.state,
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      });
      expect(url.searchParams.get('code_challenge')).toBe(challengeOf(codeVerifier));
    });
  });

  describe.each([
    ['Google', googleClient],
    ['Microsoft', microsoftClient],
  ] as const)('code exchange with %s', (_, client) => {
    it('returns a refresh token that then yields access tokens', async () => {
      const { code, codeVerifier } = consent(client);

      const tokens = await codes.exchangeCode(client, { code, codeVerifier, redirectUri: REDIRECT_URI });

      expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
      const issued = await issuer.issue({ ...client, flow: 'refresh_token', refreshToken: tokens.refreshToken });
      expect(issued.accessToken).toEqual(expect.any(String));
    });

    it('fails with invalid_grant when the verifier does not match the challenge', async () => {
      const { code } = consent(client);
      const wrongVerifier = randomBytes(48).toString('base64url');

      const error = await codes
        .exchangeCode(client, { code, codeVerifier: wrongVerifier, redirectUri: REDIRECT_URI })
        .catch((failure: unknown) => failure);

      expect(error).toBeInstanceOf(OAuthTokenError);
      expect(error).toMatchObject({ code: 'invalid_grant', transient: false });
      expect((error as OAuthTokenError).message).not.toContain(client.clientSecret);
      expect((error as OAuthTokenError).message).not.toContain(wrongVerifier);
    });
  });

  it('explains a Google consent that returned no refresh token', async () => {
    const { code, codeVerifier } = consent(googleClient, { withRefreshToken: false });

    const error = await codes
      .exchangeCode(googleClient, { code, codeVerifier, redirectUri: REDIRECT_URI })
      .catch((failure: unknown) => failure);

    expect(error).toMatchObject({ code: 'missing_refresh_token', transient: false });
    expect((error as OAuthTokenError).hint).toMatch(/myaccount\.google\.com\/permissions.*connect" again/);
  });
});

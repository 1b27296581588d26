import { createHash, randomBytes } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { SecretBox } from '@app/crypto';
import { REDIS_CLIENT } from '@app/redis';
import { FakeGoogleOAuth } from '../../../test/support/fake-google-oauth';
import { FakeMicrosoftIdentity } from '../../../test/support/fake-microsoft-identity';
import { AccessTokenService } from './access-token.service';
import { ConnectClient, OAuthConnectService } from './oauth-connect.service';
import { OAuthTokenError } from './oauth-token-error';
import { OAuthModule } from './oauth.module';
import { TokenIssuerService } from './token-issuer.service';

const TENANT = 'fabrikam.onmicrosoft.com';
const PUBLIC_BASE_URL = 'https://mailroom.example.com';
const REDIRECT_URI = `${PUBLIC_BASE_URL}/v1/oauth2/callback`;
const run = randomBytes(4).toString('hex');
const flow = { workspaceId: 'ws-1', integrationId: 'int-1', returnUrl: 'https://dashboard.example.com/integrations/int-1' };

describe('OAuthConnectService', () => {
  let microsoft: FakeMicrosoftIdentity;
  let google: FakeGoogleOAuth;
  let config: AppConfig;
  let redis: Redis;
  let connect: OAuthConnectService;
  let issuer: TokenIssuerService;

  const googleClient = { provider: 'google', clientId: `client-${run}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${run}-secret` } as const;
  const microsoftClient = { provider: 'microsoft', tenantId: TENANT, clientId: `app-${run}`, clientSecret: `secret-value-${run}` } as const;

  /** The module as the apps wire it: Redis, AppConfig and SecretBox come from global modules. */
  @Global()
  @Module({
    providers: [
      { provide: REDIS_CLIENT, useFactory: () => redis },
      { provide: AppConfig, useFactory: () => config },
      { provide: SecretBox, useValue: new SecretBox(randomBytes(32)) },
    ],
    exports: [REDIS_CLIENT, AppConfig, SecretBox],
  })
  class GlobalsModule {}

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([FakeMicrosoftIdentity.start(), FakeGoogleOAuth.start()]);
    microsoft.addApp(microsoftClient);
    google.addClient(googleClient);
    config = loadConfig({
      ...process.env,
      REDIS_PREFIX: `mr-test-oauth-${run}`,
      PUBLIC_BASE_URL,
      MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_AUTH_URL: google.authUrl,
    });
    redis = new Redis(config.REDIS_URL);
    const moduleRef = await Test.createTestingModule({ imports: [GlobalsModule, OAuthModule] }).compile();
    connect = moduleRef.get(OAuthConnectService);
    issuer = moduleRef.get(TokenIssuerService);
    expect(moduleRef.get(AccessTokenService)).toBeInstanceOf(AccessTokenService);
  });

  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${config.REDIS_PREFIX}:*` })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    await redis.quit();
    await Promise.all([microsoft.close(), google.close()]);
  });

  const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
  const stateKeys = () => redis.keys(`${config.REDIS_PREFIX}:oauth:connect-state:*`);

  /** What happens in the browser: the provider shows consent and redirects back with a code bound to the challenge. */
  async function consent(client: ConnectClient, options: { withRefreshToken?: boolean } = {}) {
    const { authorizationUrl, state } = await connect.startAuthorization(client, flow);
    const params = new URL(authorizationUrl).searchParams;
    const code = `code-${randomBytes(8).toString('hex')}`;
    const pending = { code, clientId: client.clientId, codeChallenge: params.get('code_challenge')!, redirectUri: params.get('redirect_uri')! };
    if (client.provider === 'google') google.registerAuthorizationCode({ ...pending, withRefreshToken: options.withRefreshToken ?? true });
    else microsoft.registerAuthorizationCode({ ...pending, tenantId: client.tenantId });
    return { code, state };
  }

  describe('consent URLs', () => {
    it('asks Google for offline access to Gmail with forced consent, PKCE S256 and a state', async () => {
      const { authorizationUrl, state } = await connect.startAuthorization(googleClient, flow);

      const url = new URL(authorizationUrl);
      expect(`${url.origin}${url.pathname}`).toBe(google.authUrl);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: googleClient.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'https://mail.google.com/',
        access_type: 'offline',
        prompt: 'consent',
        state,
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      });
    });

    it('asks Microsoft for delegated SMTP.Send with offline_access in the integration tenant, with PKCE S256 and a state', async () => {
      const { authorizationUrl, state } = await connect.startAuthorization(microsoftClient, flow);

      const url = new URL(authorizationUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${microsoft.authorityHost}/${TENANT}/oauth2/v2.0/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: microsoftClient.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'offline_access https://outlook.office.com/SMTP.Send',
        state,
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      });
    });
  });

  describe('state', () => {
    it('gives back the pending flow once, with the verifier of the challenge sent to the provider', async () => {
      const { authorizationUrl, state } = await connect.startAuthorization(googleClient, flow);

      const pending = await connect.consumeState(state);

      expect(pending).toEqual({ ...flow, codeVerifier: expect.any(String) });
      expect(challengeOf(pending!.codeVerifier)).toBe(new URL(authorizationUrl).searchParams.get('code_challenge'));
      expect(await connect.consumeState(state)).toBeUndefined();
    });

    it('is stored encrypted for ten minutes, and refused once expired', async () => {
      const before = new Set(await stateKeys());
      const { state } = await connect.startAuthorization(microsoftClient, flow);
      const [key] = (await stateKeys()).filter((candidate) => !before.has(candidate));

      expect(key).not.toContain(state);
      expect(await redis.get(key!)).not.toContain(flow.returnUrl);
      expect(await redis.pttl(key!)).toBeGreaterThan(590_000);
      expect(await redis.pttl(key!)).toBeLessThanOrEqual(600_000);

      await redis.pexpireat(key!, Date.now() - 1);
      expect(await connect.consumeState(state)).toBeUndefined();
    });

    it('refuses a state it never issued', async () => {
      expect(await connect.consumeState(randomBytes(24).toString('base64url'))).toBeUndefined();
    });
  });

  describe.each([
    ['Google', googleClient],
    ['Microsoft', microsoftClient],
  ] as const)('code exchange with %s', (_, client) => {
    it('returns a refresh token that then yields access tokens', async () => {
      const { code, state } = await consent(client);
      const pending = await connect.consumeState(state);

      const tokens = await connect.exchangeCode(client, code, pending!.codeVerifier);

      expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
      const issued = await issuer.issue({ ...client, flow: 'refresh_token', refreshToken: tokens.refreshToken });
      expect(issued.accessToken).toEqual(expect.any(String));
    });

    it('fails with invalid_grant when the verifier does not match the challenge', async () => {
      const { code } = await consent(client);
      const wrongVerifier = randomBytes(48).toString('base64url');

      const error = await connect.exchangeCode(client, code, wrongVerifier).catch((failure: unknown) => failure);

      expect(error).toBeInstanceOf(OAuthTokenError);
      expect(error).toMatchObject({ code: 'invalid_grant', transient: false });
      expect((error as OAuthTokenError).message).not.toContain(client.clientSecret);
      expect((error as OAuthTokenError).message).not.toContain(wrongVerifier);
    });
  });

  it('explains a Google consent that returned no refresh token', async () => {
    const { code, state } = await consent(googleClient, { withRefreshToken: false });
    const pending = await connect.consumeState(state);

    const error = await connect.exchangeCode(googleClient, code, pending!.codeVerifier).catch((failure: unknown) => failure);

    expect(error).toMatchObject({ code: 'missing_refresh_token', transient: false });
    expect((error as OAuthTokenError).hint).toMatch(/myaccount\.google\.com\/permissions.*connect" again/);
  });
});

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { SecretBox } from '@app/crypto';
import { FakeGoogleOAuth } from '../../../test/support/fake-google-oauth';
import { FakeMicrosoftIdentity } from '../../../test/support/fake-microsoft-identity';
import { AccessTokenRepository } from './access-token.repository';
import { AccessTokenService } from './access-token.service';
import { GoogleRefreshTokenService } from './google-refresh-token.service';
import { MicrosoftClientCredentialsService } from './microsoft-client-credentials.service';
import { MicrosoftRefreshTokenService } from './microsoft-refresh-token.service';
import {
  AccessTokenRef,
  GoogleRefreshTokenCredentials,
  MICROSOFT_APP_ONLY_SCOPE,
  MicrosoftClientCredentials,
  MicrosoftRefreshTokenCredentials,
} from './oauth-credentials';
import { OAuthTokenError } from './oauth-token-error';
import { TokenIssuerService } from './token-issuer.service';

const TENANT = 'contoso.onmicrosoft.com';
const run = randomBytes(4).toString('hex');
let sequence = 0;
const unique = (name: string) => `${name}-${run}-${++sequence}`;
const noRotation = async (): Promise<void> => {
  throw new Error('no refresh token rotation expected');
};

describe('AccessTokenService', () => {
  let microsoft: FakeMicrosoftIdentity;
  let google: FakeGoogleOAuth;
  let config: AppConfig;
  const box = new SecretBox(randomBytes(32));
  const connections: Redis[] = [];

  beforeAll(async () => {
    [microsoft, google] = await Promise.all([FakeMicrosoftIdentity.start(), FakeGoogleOAuth.start()]);
    config = loadConfig({
      ...process.env,
      REDIS_PREFIX: `mr-test-oauth-${run}`,
      MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      GOOGLE_TOKEN_URL: google.tokenUrl,
    });
  });

  afterAll(async () => {
    const redis = connections[0] ?? new Redis(config.REDIS_URL);
    for await (const keys of redis.scanStream({ match: `${config.REDIS_PREFIX}:*` })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    await Promise.all([...new Set([...connections, redis])].map((connection) => connection.quit()));
    await Promise.all([microsoft.close(), google.close()]);
  });

  /** What one worker process has: its own Redis connection and its own msal applications. */
  function worker(): AccessTokenService {
    const redis = new Redis(config.REDIS_URL);
    connections.push(redis);
    const issuer = new TokenIssuerService(
      new MicrosoftClientCredentialsService(config),
      new MicrosoftRefreshTokenService(config),
      new GoogleRefreshTokenService(config),
    );
    return new AccessTokenService(new AccessTokenRepository(redis, config, box), issuer);
  }

  function microsoftApp(): MicrosoftClientCredentials {
    const app = { tenantId: TENANT, clientId: unique('app'), clientSecret: `secret-value-${randomBytes(8).toString('hex')}` };
    microsoft.addApp(app);
    return { provider: 'microsoft', flow: 'client_credentials', ...app };
  }

  const refOf = (version: number | string = 1): AccessTokenRef => ({ integrationId: unique('integration'), credentialsVersion: version });
  const requestsOf = (clientId: string) => microsoft.tokenRequests.filter((request) => request.clientId === clientId).length;
  const redis = () => connections[0]!;
  const cachedKeys = async () => redis().keys(`${config.REDIS_PREFIX}:oauth:*:access-token`);

  describe('with Microsoft client credentials (msal)', () => {
    it('fetches an app-only token for Exchange Online from the non-default authority host', async () => {
      const credentials = microsoftApp();
      const discoveriesBefore = microsoft.openIdConfigurationRequests;

      const token = await worker().getAccessToken(refOf(), credentials, noRotation);

      expect(microsoft.isValidAccessToken(token)).toBe(true);
      expect(microsoft.tokenRequests.at(-1)).toEqual({
        tenantId: TENANT,
        grantType: 'client_credentials',
        clientId: credentials.clientId,
        scope: MICROSOFT_APP_ONLY_SCOPE,
      });
      expect(microsoft.openIdConfigurationRequests).toBe(discoveriesBefore + 1);
    });

    it('makes exactly one token request for 50 concurrent callers in two workers, and one more after invalidate', async () => {
      const credentials = microsoftApp();
      const ref = refOf();
      const workers = [worker(), worker()];
      const fifty = () => Promise.all(Array.from({ length: 50 }, (_, i) => workers[i % 2]!.getAccessToken(ref, credentials, noRotation)));

      const first = await fifty();
      expect(new Set(first).size).toBe(1);
      expect(requestsOf(credentials.clientId)).toBe(1);

      await workers[0]!.invalidate(ref);
      const second = await fifty();
      expect(new Set(second).size).toBe(1);
      expect(second[0]).not.toBe(first[0]);
      expect(requestsOf(credentials.clientId)).toBe(2);
    });

    it('keeps the token in Redis encrypted, for its lifetime minus a five-minute safety margin', async () => {
      const before = new Set(await cachedKeys());
      const token = await worker().getAccessToken(refOf(), microsoftApp(), noRotation);

      const [key] = (await cachedKeys()).filter((candidate) => !before.has(candidate));
      const stored = await redis().get(key!);
      const ttlMs = await redis().pttl(key!);
      expect(stored).not.toContain(token);
      // msal counts the expiry in whole seconds.
      expect(ttlMs).toBeGreaterThan((3599 - 300 - 10) * 1000);
      expect(ttlMs).toBeLessThanOrEqual((3599 - 300 + 1) * 1000);
    });

    it('does not serve a token obtained with older credentials once the credentials version changes', async () => {
      const credentials = microsoftApp();
      const integrationId = unique('integration');
      const service = worker();

      const old = await service.getAccessToken({ integrationId, credentialsVersion: 1 }, credentials, noRotation);
      const current = await service.getAccessToken({ integrationId, credentialsVersion: 2 }, credentials, noRotation);

      expect(current).not.toBe(old);
      expect(requestsOf(credentials.clientId)).toBe(2);
    });

    it('gives every waiting caller the failure of the one request it waited for', async () => {
      const credentials = { ...microsoftApp(), clientSecret: 'the-secret-id-not-its-value' };
      const ref = refOf();
      const workers = [worker(), worker()];

      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => workers[i % 2]!.getAccessToken(ref, credentials, noRotation)),
      );

      expect(requestsOf(credentials.clientId)).toBe(1);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason as OAuthTokenError;
        expect(error).toBeInstanceOf(OAuthTokenError);
        expect(error.providerCode).toBe('AADSTS7000215');
      }
    });

    it('invalidating a refused token keeps the newer token another worker already stored', async () => {
      const credentials = microsoftApp();
      const ref = refOf();
      const [first, second] = [worker(), worker()];
      const refused = await first.getAccessToken(ref, credentials, noRotation);
      await first.invalidate(ref, refused);
      const replacement = await first.getAccessToken(ref, credentials, noRotation);

      await second.invalidate(ref, refused);

      expect(await second.getAccessToken(ref, credentials, noRotation)).toBe(replacement);
      expect(requestsOf(credentials.clientId)).toBe(2);
    });
  });

  describe('with a Microsoft delegated refresh token', () => {
    it('hands the rotated refresh token to the callback, and the saved one refreshes next time', async () => {
      const app = microsoftApp();
      let saved = microsoft.issueRefreshToken({ tenantId: TENANT, clientId: app.clientId });
      const credentials = (): MicrosoftRefreshTokenCredentials => ({
        ...app,
        flow: 'refresh_token',
        refreshToken: saved,
        readsMailbox: false,
      });
      const ref = refOf();
      const service = worker();
      const save = jest.fn(async (rotated: string) => {
        saved = rotated;
      });
      const original = saved;

      const first = await service.getAccessToken(ref, credentials(), save);
      await service.invalidate(ref, first);
      const second = await service.getAccessToken(ref, credentials(), save);

      expect(save).toHaveBeenCalledTimes(2);
      expect(save.mock.calls[0]![0]).not.toBe(original);
      expect(microsoft.isValidAccessToken(second)).toBe(true);
      expect(microsoft.tokenRequests.at(-1)).toMatchObject({
        grantType: 'refresh_token',
        scope: 'offline_access https://outlook.office.com/SMTP.Send',
      });
      await expect(service.getAccessToken(refOf(), { ...credentials(), refreshToken: original }, save)).rejects.toMatchObject({
        code: 'invalid_grant',
      });
    });

    it('fails as transient when the rotated refresh token cannot be saved, and caches nothing', async () => {
      const app = microsoftApp();
      const refreshToken = microsoft.issueRefreshToken({ tenantId: TENANT, clientId: app.clientId });
      const before = (await cachedKeys()).length;

      const failure = worker().getAccessToken(refOf(), { ...app, flow: 'refresh_token', refreshToken, readsMailbox: false }, async () => {
        throw new Error('database unavailable');
      });

      await expect(failure).rejects.toMatchObject({ code: 'refresh_token_not_saved', transient: true });
      expect((await cachedKeys()).length).toBe(before);
    });
  });

  describe('with a Google refresh token', () => {
    function googleCredentials(): GoogleRefreshTokenCredentials {
      const client = {
        clientId: `${unique('client')}.apps.googleusercontent.com`,
        clientSecret: `GOCSPX-${randomBytes(8).toString('hex')}`,
      };
      google.addClient(client);
      return { provider: 'google', flow: 'refresh_token', ...client, refreshToken: google.issueRefreshToken(client.clientId) };
    }

    afterEach(() => {
      google.rotateRefreshTokens = false;
    });

    it('hands a rotated refresh token to the callback once, and the next refresh uses it (the old one is refused)', async () => {
      google.rotateRefreshTokens = true;
      const credentials = googleCredentials();
      const original = credentials.refreshToken;
      const ref = refOf();
      const workers = [worker(), worker()];
      const save = jest.fn(async (rotated: string) => {
        credentials.refreshToken = rotated;
      });

      const concurrent = await Promise.all(Array.from({ length: 10 }, (_, i) => workers[i % 2]!.getAccessToken(ref, credentials, save)));
      expect(save).toHaveBeenCalledTimes(1);
      await workers[0]!.invalidate(ref, concurrent[0]);
      const second = await workers[1]!.getAccessToken(ref, credentials, save);

      expect(save).toHaveBeenCalledTimes(2);
      expect(save.mock.calls[0]![0]).not.toBe(original);
      expect(save.mock.calls[1]![0]).not.toBe(save.mock.calls[0]![0]);
      expect(google.isValidAccessToken(second)).toBe(true);
      await expect(workers[0]!.getAccessToken(refOf(), { ...credentials, refreshToken: original }, save)).rejects.toMatchObject({
        code: 'invalid_grant',
      });
    });

    it('does not call the callback when Google keeps the refresh token', async () => {
      const save = jest.fn(async () => undefined);

      const token = await worker().getAccessToken(refOf(), googleCredentials(), save);

      expect(google.isValidAccessToken(token)).toBe(true);
      expect(save).not.toHaveBeenCalled();
    });
  });
});

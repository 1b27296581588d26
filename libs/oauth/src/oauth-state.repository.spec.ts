import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { SecretBox } from '@app/crypto';
import { OAuthStateRepository } from './oauth-state.repository';

const run = randomBytes(4).toString('hex');
const pending = {
  workspaceId: 'ws-1',
  integrationId: 'int-1',
  codeVerifier: randomBytes(48).toString('base64url'),
  actor: { type: 'user' as const, id: 'user-1', label: 'ada@example.com' },
  returnUrl: 'https://dashboard.example.com/integrations/int-1',
};

describe('OAuthStateRepository', () => {
  let config: AppConfig;
  let redis: Redis;
  let states: OAuthStateRepository;

  beforeAll(() => {
    config = loadConfig({ ...process.env, REDIS_PREFIX: `mr-test-oauth-state-${run}` });
    redis = new Redis(config.REDIS_URL);
    states = new OAuthStateRepository(redis, config, new SecretBox(randomBytes(32)));
  });

  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${config.REDIS_PREFIX}:*` })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    await redis.quit();
  });

  const newState = () => randomBytes(24).toString('base64url');
  const stateKeys = () => redis.keys(`${config.REDIS_PREFIX}:oauth:connect-state:*`);

  it('gives back the pending flow once, with its verifier', async () => {
    const state = newState();
    await states.save(state, pending);

    expect(await states.consume(state)).toEqual(pending);
    expect(await states.consume(state)).toBeUndefined();
  });

  it('is stored encrypted for ten minutes, and refused once expired', async () => {
    const before = new Set(await stateKeys());
    const state = newState();
    await states.save(state, pending);
    const [key] = (await stateKeys()).filter((candidate) => !before.has(candidate));

    expect(key).not.toContain(state);
    expect(await redis.get(key!)).not.toContain(pending.returnUrl);
    expect(await redis.pttl(key!)).toBeGreaterThan(590_000);
    expect(await redis.pttl(key!)).toBeLessThanOrEqual(600_000);

    await redis.pexpireat(key!, Date.now() - 1);
    expect(await states.consume(state)).toBeUndefined();
  });

  it('refuses a state it never issued', async () => {
    expect(await states.consume(newState())).toBeUndefined();
  });
});

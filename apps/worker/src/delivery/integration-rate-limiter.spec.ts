import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { IntegrationEntity } from '@app/database';
import { IntegrationRateLimiter } from './integration-rate-limiter';

describe('IntegrationRateLimiter (real Redis, two workers)', () => {
  let redis: Redis;
  let config: AppConfig;
  const integration = (rateLimitPerMinute: number | null) =>
    Object.assign(new IntegrationEntity(), { id: randomUUID(), rateLimitPerMinute });

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379');
    config = loadConfig({ ...process.env, REDIS_PREFIX: `mr-test-rate-${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares one allowance between workers: 120/min lets 2 go per second in all', async () => {
    const target = integration(120);
    const workers = [new IntegrationRateLimiter(redis, config), new IntegrationRateLimiter(redis, config)];
    const waits = [];
    for (let index = 0; index < 4; index++) waits.push(await workers[index % 2]!.reserve(target, 'marketing'));
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeGreaterThan(0);
    expect(waits[2]).toBeLessThanOrEqual(1000);
  });

  it('never makes transactional mail wait, but lets it use up the allowance marketing then waits for', async () => {
    const target = integration(120);
    const limiter = new IntegrationRateLimiter(redis, config);
    expect(await limiter.reserve(target, 'transactional')).toBe(0);
    expect(await limiter.reserve(target, 'transactional')).toBe(0);
    expect(await limiter.reserve(target, 'transactional')).toBe(0);
    expect(await limiter.reserve(target, 'marketing')).toBeGreaterThan(0);
  });

  it('does not limit an integration without a rate limit', async () => {
    const limiter = new IntegrationRateLimiter(redis, config);
    const target = integration(null);
    for (let index = 0; index < 10; index++) expect(await limiter.reserve(target, 'marketing')).toBe(0);
  });
});

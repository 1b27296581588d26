import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker (real Redis, two workers)', () => {
  let redis: Redis;
  let config: AppConfig;

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379');
    config = loadConfig({
      ...process.env,
      REDIS_PREFIX: `mr-test-breaker-${randomBytes(4).toString('hex')}`,
      CIRCUIT_BREAKER_THRESHOLD: '3',
      CIRCUIT_BREAKER_COOLDOWN_MS: '60000',
    });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('opens after the threshold of failures counted across workers, for the cool-down', async () => {
    const first = new CircuitBreaker(redis, config);
    const second = new CircuitBreaker(redis, config);
    await first.recordFailure('integration-a');
    await second.recordFailure('integration-a');
    expect(await first.openFor('integration-a')).toBe(0);
    await first.recordFailure('integration-a');
    expect(await second.openFor('integration-a')).toBeGreaterThan(59_000);
    expect(await first.openFor('integration-b')).toBe(0);
  });

  it('starts counting again after a success', async () => {
    const breaker = new CircuitBreaker(redis, config);
    await breaker.recordFailure('integration-c');
    await breaker.recordFailure('integration-c');
    await breaker.recordSuccess('integration-c');
    await breaker.recordFailure('integration-c');
    await breaker.recordFailure('integration-c');
    expect(await breaker.openFor('integration-c')).toBe(0);
  });
});

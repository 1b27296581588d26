import { REDIS_CLIENT, RedisClient } from '@app/redis';
import { dashboard, OPERATOR, OPERATOR_ENV } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

const WRONG = 'not the operator password';

describe('failed sign-ins', () => {
  let t: TestApp;

  beforeAll(async () => {
    // TRUST_PROXY=1: each test signs in from addresses of its own, as X-Forwarded-For names them.
    t = await startTestApp({ env: { ...OPERATOR_ENV, TRUST_PROXY: '1', LOGIN_FAILURES_PER_ADDRESS: '30' } });
  });
  afterAll(() => t.close());

  const login = (address: string, body: Record<string, unknown>) =>
    t.http.post('/v1/auth/login').set(dashboard(t)).set('X-Forwarded-For', address).send(body);

  it('answers 429 with Retry-After after ten wrong passwords, even to the right one, from that address', async () => {
    for (let attempt = 0; attempt < 10; attempt++) await login('198.51.100.1', { email: OPERATOR.email, password: WRONG }).expect(401);
    const limited = await login('198.51.100.1', OPERATOR).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(limited.body.message).toMatch(/Too many failed sign-ins; retry in \d+ s/);
  });

  it('does not lock the owner out from another address', async () => {
    for (let attempt = 0; attempt < 10; attempt++) await login('198.51.100.2', { email: OPERATOR.email, password: WRONG }).expect(401);
    await login('203.0.113.9', OPERATOR).expect(200);
  });

  it('limits an address trying many accounts, more loosely', async () => {
    for (let attempt = 0; attempt < 30; attempt++)
      await login('198.51.100.3', { email: `guess${attempt}@example.com`, password: WRONG }).expect(401);
    await login('198.51.100.3', { email: 'guess-more@example.com', password: WRONG }).expect(429);
  });

  it('forgets earlier typos once the owner signs in', async () => {
    for (let attempt = 0; attempt < 9; attempt++) await login('198.51.100.4', { email: OPERATOR.email, password: WRONG }).expect(401);
    await login('198.51.100.4', OPERATOR).expect(200);
    for (let attempt = 0; attempt < 9; attempt++) await login('198.51.100.4', { email: OPERATOR.email, password: WRONG }).expect(401);
    await login('198.51.100.4', OPERATOR).expect(200);
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const unknown = await login('198.51.100.5', { email: 'nobody@example.com', password: WRONG }).expect(401);
    const wrong = await login('198.51.100.5', { email: OPERATOR.email, password: WRONG }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password' });
  });

  it('takes as long for an unknown email as for a wrong password (both check a password hash)', async () => {
    const timed = async (address: string, email: string) => {
      const started = process.hrtime.bigint();
      await login(address, { email, password: WRONG }).expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      unknown.push(await timed(`198.51.100.${10 + attempt}`, `nobody${attempt}@example.com`));
      wrong.push(await timed(`198.51.100.${20 + attempt}`, OPERATOR.email));
    }
    // An argon2id check costs ~20 ms, a lookup of a missing row ~1 ms: without the dummy check the ratio would be near 0.1.
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.6);
  });

  it('keeps no email and no address in Redis, only keyed hashes and counts', async () => {
    const redis = t.app.get<RedisClient>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.REDIS_PREFIX}:sign-in-failures:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toMatch(/@|example|198\.51/);
      expect(await redis.get(key)).toMatch(/^\d+$/);
    }
  });
});

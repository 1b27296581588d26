import { REDIS_CLIENT, RedisClient } from '@app/redis';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const LIMIT = 3;

async function failUntilLimited(t: TestApp, path: string, forwardedFor: (attempt: number) => string): Promise<void> {
  for (let attempt = 0; attempt < LIMIT; attempt++) {
    const token = attempt % 2 ? 'not-the-platform-token' : `mr_guess${attempt}`;
    await t.http.get(path).set(bearer(token)).set('X-Forwarded-For', forwardedFor(attempt)).expect(401);
  }
}

describe('failed authentication per client address, with TRUST_PROXY off (the default)', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an address is over its limit, whatever X-Forwarded-For claims', async () => {
    await failUntilLimited(t, `/v1/workspaces/${ws.id}`, (attempt) => `198.51.100.${attempt}`);
    const limited = await t.http
      .get(`/v1/workspaces/${ws.id}`)
      .set(bearer('mr_another'))
      .set('X-Forwarded-For', '198.51.100.99')
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/failed authentications/),
    });
  });

  it('still accepts a valid key and the platform token from an address over its limit', async () => {
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer('mr_still-guessing')).expect(429);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200);
    await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
  });

  it('does not count a request without a token as a failed authentication', async () => {
    await t.http.get(`/v1/workspaces/${ws.id}`).expect(401);
  });

  it('keeps its counters under REDIS_PREFIX', async () => {
    const redis = t.app.get<RedisClient>(REDIS_CLIENT);
    expect(await redis.keys(`${t.config.REDIS_PREFIX}:auth-failures:*`)).not.toHaveLength(0);
  });
});

describe('failed authentication per client address, with TRUST_PROXY=1', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  it("counts failures against the address the proxy forwarded, not the proxy's", async () => {
    await failUntilLimited(t, '/v1/workspaces', () => '203.0.113.7');
    await t.http.get('/v1/workspaces').set(bearer('mr_x')).set('X-Forwarded-For', '203.0.113.7').expect(429);
    // Only the last hop is the proxy's to vouch for: what the client put before it does not count.
    await t.http.get('/v1/workspaces').set(bearer('mr_x')).set('X-Forwarded-For', '198.51.100.1, 203.0.113.7').expect(429);
    await t.http.get('/v1/workspaces').set(bearer('mr_x')).set('X-Forwarded-For', '203.0.113.8').expect(401);
  });
});

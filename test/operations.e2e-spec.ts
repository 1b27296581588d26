import { bearer, startTestApp, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

describe('operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live and ready when Postgres and Redis answer', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves Prometheus metrics including HTTP request durations by route', async () => {
    await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
    const metrics = await t.http.get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/mailroom_http_request_duration_seconds_count\{method="GET",route="\/v1\/workspaces",status="200"\} \d+/);
    expect(metrics.text).toContain('mailroom_process_cpu_seconds_total');
  });

  it('describes every endpoint in the OpenAPI document', async () => {
    const document = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/workspaces',
        '/v1/workspaces/{ws}',
        '/v1/workspaces/{ws}/api-keys',
        '/v1/workspaces/{ws}/api-keys/{id}',
        '/health/live',
        '/health/ready',
        '/metrics',
      ]),
    );
    expect(document.body.paths['/v1/workspaces'].post.requestBody).toBeDefined();
    await t.http.get('/docs').expect(200);
  });
});

describe('when a backing service is unreachable', () => {
  const postgres = new TcpProxy(5432);
  const redis = new TcpProxy(6379);
  let t: TestApp;

  beforeAll(async () => {
    const [postgresPort, redisPort] = await Promise.all([postgres.start(), redis.start()]);
    // Only the app's connections go through the proxies; the test database itself was made directly.
    t = await startTestApp({ databasePort: postgresPort, env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
  });
  afterAll(async () => {
    postgres.restore();
    redis.restore();
    await t.close();
    await Promise.all([postgres.stop(), redis.stop()]);
  });

  it('answers 503 with Retry-After, not 500, while Postgres is away, and recovers', async () => {
    await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
    postgres.cut();
    const response = await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    postgres.restore();
    await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
  });

  it('reports not ready, naming Redis, while Redis is away', async () => {
    redis.cut();
    const response = await t.http.get('/health/ready').expect(503);
    expect(response.body.error.redis.status).toBe('down');
    redis.restore();
  });
});

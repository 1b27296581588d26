import { randomBytes } from 'node:crypto';
import { CacheInvalidation } from '@app/redis';
import { hashApiKey } from '@app/tenancy';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const unknownKey = () => `mr_${randomBytes(32).toString('base64url')}`;

/** Two replicas on one database and Redis prefix; only the second one's connections go through proxies the test controls. */
describe('API key lookup across replicas', () => {
  const postgres = new TcpProxy(5432);
  const redis = new TcpProxy(6379);
  let a: TestApp;
  let b: TestApp;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    const [port, redisPort] = await Promise.all([postgres.start(), redis.start()]);
    const env = { AUTH_FAILURES_PER_MINUTE: '1000' };
    a = await startTestApp({ env });
    b = await startTestApp({ env: { ...env, REDIS_URL: `redis://127.0.0.1:${redisPort}` }, replicaOf: a });
    const { DataSource } = await import('typeorm');
    const dataSource = b.app.get(DataSource);
    await dataSource.destroy();
    dataSource.setOptions({ url: b.database.url.replace(':5432/', `:${port}/`) });
    await dataSource.initialize();
    ws = await createWorkspace(a);
  });
  afterAll(async () => {
    postgres.release();
    postgres.restore();
    redis.restore();
    await b.close();
    await a.close();
    await Promise.all([postgres.stop(), redis.stop()]);
  });

  const createKey = async (on: TestApp) =>
    (
      await on.http
        .post(`/v1/workspaces/${ws.id}/api-keys`)
        .set(bearer(ws.adminKey))
        .send({ name: 'replica', scopes: ['admin'] })
        .expect(201)
    ).body as { id: string; key: string };
  const revokedOn = (replica: TestApp, keyId: string) =>
    new Promise<void>((resolve) => replica.app.get(CacheInvalidation).on('api-key', (id) => id === keyId && resolve()));

  it('refuses a key on another replica as soon as DELETE answers, though that replica had it cached', async () => {
    const { id, key } = await createKey(a);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(200);
    await a.http.delete(`/v1/workspaces/${ws.id}/api-keys/${id}`).set(bearer(ws.adminKey)).expect(204);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(401);
  });

  it('refuses a key whose lookup had already read the row when another replica revoked it, and never caches it', async () => {
    const { id, key } = await createKey(a);
    const revokedOnB = revokedOn(b, id);
    postgres.hold();
    const inFlight = b.http
      .get(`/v1/workspaces/${ws.id}`)
      .set(bearer(key))
      .then((response) => response.status);
    // Postgres has answered B's lookup with the key still active; the answer waits in the proxy.
    await postgres.heldReplyContaining(hashApiKey(key));
    await a.http.delete(`/v1/workspaces/${ws.id}/api-keys/${id}`).set(bearer(ws.adminKey)).expect(204);
    await revokedOnB;
    postgres.release();
    expect(await inFlight).toBe(401);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(401);
  });

  it('answers a repeated unknown key from memory: 100 more tries need no database', async () => {
    const unknown = unknownKey();
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(unknown)).expect(401);
    postgres.cut();
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(unknown)).expect(401);
      }
      // The database really is away: a token not seen before cannot be answered.
      await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(unknownKey())).expect(503);
    } finally {
      postgres.restore();
    }
  });

  it('forgets unknown keys on every replica when a key is created', async () => {
    const unknown = unknownKey();
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(unknown)).expect(401);
    const created = new Promise<void>((resolve) => b.app.get(CacheInvalidation).on('api-key-created', () => resolve()));
    const { key } = await createKey(a);
    await created;
    postgres.cut();
    try {
      await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(unknown)).expect(503);
    } finally {
      postgres.restore();
    }
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(200);
  });

  it('refuses a revoked key on a replica that missed the revocation while its Redis connection was down', async () => {
    const { id, key } = await createKey(a);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(200);
    const invalidation = b.app.get(CacheInvalidation);
    const missed = () => new Promise<void>((resolve) => invalidation.onMissed(resolve));
    const lost = missed();
    redis.cut();
    await lost;
    // Used again during the outage: remembering it now would outlive the revocation B is about to miss.
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(200);
    await a.http.delete(`/v1/workspaces/${ws.id}/api-keys/${id}`).set(bearer(ws.adminKey)).expect(204);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(401);
    const back = missed();
    redis.restore();
    await back;
    expect(invalidation.listening).toBe(true);
    await b.http.get(`/v1/workspaces/${ws.id}`).set(bearer(key)).expect(401);
  });
});

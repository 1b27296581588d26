import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { createRedisClient, CacheInvalidation, RedisClient } from '@app/redis';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeMicrosoftIdentity } from './support/fake-microsoft-identity';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { LoopbackRedisCluster, mastersOf } from './support/redis-cluster';
import { microsoftAppOnly } from './support/integration-factory';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace } from './support/workspace-factory';

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = 'mailroom-app-cluster';
const CLIENT_SECRET = 'client-secret-Value-for-cluster';
const MAILBOX = 'noreply@contoso.com';

/**
 * The whole delivery path (accept, queue, worker, token cache, rate limit, outbox reconciler,
 * cache invalidation) on a three-master Redis Cluster, as the README's "Running on Redis Cluster"
 * configures it: seed nodes in REDIS_CLUSTER_NODES and a prefix that is a hash tag.
 */
describe('on a three-node Redis Cluster', () => {
  let cluster: LoopbackRedisCluster;
  let microsoft: FakeMicrosoftIdentity;
  let smtp: FakeSmtpServer;
  let oauthSmtp: FakeSmtpServer;
  let t: TestApp;
  let worker: INestApplicationContext;
  let redis: RedisClient;
  let watcher: DeliveryWatcher;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    [cluster, microsoft] = await Promise.all([LoopbackRedisCluster.start(), FakeMicrosoftIdentity.start()]);
    microsoft.addApp({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    oauthSmtp = new FakeSmtpServer({
      security: 'starttls',
      authMethods: ['XOAUTH2'],
      acceptAccessToken: (user, token) => user === MAILBOX && microsoft.isValidAccessToken(token),
    });
    await Promise.all([smtp.start(), oauthSmtp.start()]);
    t = await startTestApp({
      env: {
        REDIS_CLUSTER_NODES: cluster.nodes.join(','),
        REDIS_PREFIX: `{mr-test-${randomBytes(4).toString('hex')}}`,
        MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
      },
    });
    redis = createRedisClient(t.config, 'worker');
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: true, marketing: true }, rateLimitPerMinute: 60 },
    });
  }, 60_000);
  afterAll(async () => {
    await watcher?.close();
    redis?.disconnect();
    await t?.close();
    await Promise.all([smtp?.stop(), oauthSmtp?.stop(), microsoft?.close()]);
    await cluster?.stop();
  }, 60_000);

  const send = (workspace: CreatedWorkspace, body: Record<string, unknown>) =>
    t.http
      .post(`/v1/workspaces/${workspace.id}/messages`)
      .set(bearer(workspace.adminKey))
      .send({ subject: 'x', text: 'x', ...body })
      .expect(202);
  const messageOf = async (workspace: CreatedWorkspace, id: string) =>
    (await t.http.get(`/v1/workspaces/${workspace.id}/messages/${id}`).set(bearer(workspace.adminKey)).expect(200)).body;

  it('connects through the cluster client and reports ready', async () => {
    expect(redis).toBeInstanceOf(Cluster);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info.redis.status).toBe('up');
  });

  it('delivers accepted messages after the cluster lost all its data: the outbox reconciler enqueues them again', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await send(ws, { to: [`lost${index}@example.com`] })).body.id);

    // No worker runs yet: the jobs are waiting in the cluster. Every master forgets everything.
    expect(await keysMatching(`${t.config.REDIS_PREFIX}:*`)).not.toEqual([]);
    const masters = await mastersOf(redis);
    expect(masters).toHaveLength(3);
    for (const node of masters) await node.flushall();
    for (const node of masters) expect(await node.dbsize()).toBe(0);

    worker = await t.startWorker();
    await watcher.finished(ids);
    for (const id of ids) expect((await messageOf(ws, id)).status).toBe('sent');
    expect(smtp.messages.flatMap((message) => message.envelope.rcptTo).sort()).toEqual(ids.map((_, index) => `lost${index}@example.com`));
  });

  it('delivers 50 transactional messages at once and spreads marketing mail by the integration rate limit', async () => {
    const before = smtp.messages.length;
    const batch = await t.http
      .post(`/v1/workspaces/${ws.id}/messages/batch`)
      .set(bearer(ws.adminKey))
      .send({
        messages: Array.from({ length: 50 }, (_, index) => ({ to: [`user${index}@example.com`], subject: `Cluster ${index}`, text: 'x' })),
      })
      .expect(202);
    const transactional: string[] = batch.body.data.map((item: { id: string }) => item.id);
    await watcher.finished(transactional);

    // 60 a minute is one a second; transactional mail never waits but has used up this second.
    const marketing: string[] = [];
    for (let index = 0; index < 3; index++)
      marketing.push((await send(ws, { type: 'marketing', to: [`reader${index}@example.com`], html: '<p>News</p>' })).body.id);
    await watcher.finished(marketing, 20_000);

    for (const id of transactional) expect((await messageOf(ws, id)).status).toBe('sent');
    const sentAt = (await Promise.all(marketing.map((id) => messageOf(ws, id)))).map((message) => {
      expect(message.status).toBe('sent');
      return Date.parse(message.sentAt);
    });
    sentAt.sort((a, b) => a - b);
    expect(sentAt[1] - sentAt[0]).toBeGreaterThan(500);
    expect(sentAt[2] - sentAt[1]).toBeGreaterThan(500);
    expect(smtp.messages.length - before).toBe(53);
  });

  it('fetches one OAuth2 access token for all sends and keeps it, encrypted, in the cluster', async () => {
    const microsoftWs = await createSendingWorkspace(t, {
      smtp: oauthSmtp,
      name: 'Contoso',
      integration: {
        ...microsoftAppOnly({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, mailbox: MAILBOX }),
      },
    });
    const { integration } = microsoftWs;
    const first = (await send(microsoftWs, { to: ['first@example.com'] })).body.id;
    await watcher.finished([first]);
    const second = (await send(microsoftWs, { to: ['second@example.com'] })).body.id;
    await watcher.finished([second]);

    expect((await messageOf(microsoftWs, first)).status).toBe('sent');
    expect((await messageOf(microsoftWs, second)).status).toBe('sent');
    expect(oauthSmtp.messages).toHaveLength(2);
    expect(microsoft.tokenRequestCount('client_credentials')).toBe(1);
    const [tokenKey, ...others] = await keysMatching(`${t.config.REDIS_PREFIX}:oauth:*${integration.id}*:access-token`);
    expect(others).toEqual([]);
    const token = oauthSmtp.authAttempts.find((attempt) => attempt.accepted)!.accessToken!;
    expect(await redis.get(tokenKey!)).not.toContain(token);
  });

  it('tells the other processes through the cluster when an integration changes', async () => {
    const integrations = (await t.http.get(`/v1/workspaces/${ws.id}/integrations`).set(bearer(ws.adminKey)).expect(200)).body.data;
    const heard = new Promise<string>((resolve) => worker.get(CacheInvalidation, { strict: false }).on('integration', resolve));
    await t.http
      .patch(`/v1/workspaces/${ws.id}/integrations/${integrations[0].id}`)
      .set(bearer(ws.adminKey))
      .send({ name: 'Renamed' })
      .expect(200);
    expect(await within(5000, heard)).toBe(ws.id);
  });

  it('keeps every key it wrote under the prefix, in the one slot its hash tag names', async () => {
    const keys = await keysMatching('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !key.startsWith(`${t.config.REDIS_PREFIX}:`))).toEqual([]);
    const slots = new Set(await Promise.all(keys.map((key) => redis.cluster('KEYSLOT', key))));
    expect(slots).toEqual(new Set([await redis.cluster('KEYSLOT', t.config.REDIS_PREFIX)]));
  });

  async function keysMatching(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    for (const node of await mastersOf(redis)) {
      for await (const batch of node.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>) keys.push(...batch);
    }
    return keys;
  }
});

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

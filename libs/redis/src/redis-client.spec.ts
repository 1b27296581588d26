import { Cluster, Redis } from 'ioredis';
import { loadConfig } from '@app/config';
import { createRedisClient } from './redis-client';

const base = { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), PLATFORM_ADMIN_TOKEN: 'operator-token-with-enough-length' };

describe('createRedisClient', () => {
  it('connects to the single Redis at REDIS_URL when no cluster nodes are configured', () => {
    const client = createRedisClient(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6390/2' }), 'subscriber');
    expect(client).toBeInstanceOf(Redis);
    expect((client as Redis).options).toMatchObject({ port: 6390, db: 2, maxRetriesPerRequest: null, lazyConnect: true });
    client.disconnect();
  });

  it('connects to a Redis Cluster through its seed nodes, with the credentials and TLS of REDIS_URL on every node', () => {
    const config = loadConfig({
      ...base,
      REDIS_URL: 'rediss://mailroom:s%3Acret@ignored-host:6379',
      REDIS_CLUSTER_NODES: '10.0.0.1:7001,redis-b:7002',
      REDIS_PREFIX: '{mailroom}',
    });
    const client = createRedisClient(config, 'subscriber') as Cluster;
    expect(client).toBeInstanceOf(Cluster);
    expect(client['startupNodes']).toEqual([
      { host: '10.0.0.1', port: 7001 },
      { host: 'redis-b', port: 7002 },
    ]);
    expect(client.options).toMatchObject({ lazyConnect: true, enableOfflineQueue: true });
    expect(client.options.redisOptions).toMatchObject({ username: 'mailroom', password: 's:cret', tls: {}, maxRetriesPerRequest: null });
    client.disconnect();
  });

  it('makes request-path cluster clients fail fast and worker ones never give up, as on a single Redis', () => {
    const config = loadConfig({ ...base, REDIS_CLUSTER_NODES: '127.0.0.1:1', REDIS_PREFIX: '{mailroom}' });
    const request = createRedisClient(config, 'request') as Cluster;
    const worker = createRedisClient(config, 'worker') as Cluster;
    expect(request.options.enableOfflineQueue).toBe(false);
    expect(request.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, connectTimeout: 2000 });
    expect(worker.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null });
    request.disconnect();
    worker.disconnect();
  });
});

import { Logger } from '@nestjs/common';
import { Cluster, Redis, RedisOptions } from 'ioredis';
import { AppConfig } from '@app/config';

/** A single Redis or a Redis Cluster: the commands Mailroom uses are the same on both. */
export type RedisClient = Redis | Cluster;

/** Injection token of the shared request-path client (see RedisModule). */
export const REDIS_CLIENT = Symbol('RedisClient');

const logger = new Logger('Redis');

/**
 * What a connection is for decides how it behaves while Redis is away:
 * - `request`: fails fast instead of queueing, so a request gets a 503 rather than hanging;
 * - `worker`: BullMQ workers block on Redis and must never give up a command (BullMQ requires it);
 * - `subscriber`: pub/sub waits for Redis to come back; connects when asked, and its owner subscribes
 *   again on every 'ready' (so it knows when the subscription is really back).
 */
export type RedisRole = 'request' | 'worker' | 'subscriber';

interface RoleOptions {
  maxRetriesPerRequest: number | null;
  enableOfflineQueue: boolean;
  lazyConnect: boolean;
  connectTimeout?: number;
  autoResubscribe?: boolean;
}

const ROLES: Record<RedisRole, RoleOptions> = {
  request: { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, connectTimeout: 2000 },
  worker: { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false },
  subscriber: { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true, autoResubscribe: false },
};

/**
 * Every Redis connection Mailroom opens comes from here, so all of them follow REDIS_CLUSTER_NODES.
 * On a cluster the offline queue and lazy connect are the cluster's (ioredis always queues on the
 * node connections underneath), the rest applies to each node; REDIS_URL lends only its
 * credentials and TLS.
 */
export function createRedisClient(config: AppConfig, role: RedisRole): RedisClient {
  const { enableOfflineQueue, lazyConnect, ...perNode } = ROLES[role];
  const client =
    config.REDIS_CLUSTER_NODES.length === 0
      ? new Redis(config.REDIS_URL, { ...perNode, enableOfflineQueue, lazyConnect })
      : new Cluster(config.REDIS_CLUSTER_NODES.map(seedNode), {
          enableOfflineQueue,
          lazyConnect,
          redisOptions: { ...perNode, ...credentialsOf(config.REDIS_URL) },
        });
  // Every command reports its own failure to its caller; a dropped connection is worth a log line,
  // not ioredis's "Unhandled error event" on the console for each reconnect attempt.
  client.on('error', (error: Error) => logger.debug({ err: error, role }, 'Redis connection error'));
  return client;
}

function seedNode(node: string): { host: string; port: number } {
  const separator = node.lastIndexOf(':');
  return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
}

function credentialsOf(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const { username, password, protocol } = new URL(url);
  return {
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    ...(protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

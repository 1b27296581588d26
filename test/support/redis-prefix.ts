import type { AppConfig } from '@app/config';
import { createRedisClient } from '@app/redis';
import { mastersOf } from './redis-cluster';

/**
 * Queues, counters and caches of a test live under its own prefix: leave none behind. On a
 * cluster SCAN sees one node only, so each master is scanned; the prefix's hash tag keeps the
 * keys of one batch in one slot, as a multi-key UNLINK needs.
 */
export async function dropRedisPrefix(config: AppConfig): Promise<void> {
  const redis = createRedisClient(config, 'worker');
  try {
    for (const node of await mastersOf(redis)) {
      for await (const keys of node.scanStream({ match: `${config.REDIS_PREFIX}:*`, count: 1000 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await node.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}

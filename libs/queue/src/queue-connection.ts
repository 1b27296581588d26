import { Redis } from 'ioredis';
import type { AppConfig } from '@app/config';

/** Workers block on Redis and must never give up a command (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnection(config: AppConfig): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
}

/** Producers on the request path fail fast, so an outage never hangs a request; the outbox catches up. */
export function producerConnection(config: AppConfig): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
}

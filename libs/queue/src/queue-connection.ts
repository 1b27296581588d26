import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';

/** Workers block on Redis and must never give up a command (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnection(config: AppConfig): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
}

/**
 * The connection producers share. It fails fast, so an outage never hangs a request (the outbox
 * catches up), and it closes after the queues using it (they close in onModuleDestroy).
 */
@Injectable()
export class ProducerConnection implements OnApplicationShutdown {
  readonly redis: Redis;

  constructor(config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

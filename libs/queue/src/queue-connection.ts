import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createRedisClient, RedisClient } from '@app/redis';

/** Workers block on Redis and must never give up a command (BullMQ requires maxRetriesPerRequest: null). */
export function workerConnection(config: AppConfig): RedisClient {
  return createRedisClient(config, 'worker');
}

/**
 * The connection producers share. It fails fast, so an outage never hangs a request (the outbox
 * catches up), and it closes after the queues using it (they close in onModuleDestroy).
 */
@Injectable()
export class ProducerConnection implements OnApplicationShutdown {
  readonly redis: RedisClient;

  constructor(config: AppConfig) {
    this.redis = createRedisClient(config, 'request');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

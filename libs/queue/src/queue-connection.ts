import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
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
  private readonly logger = new Logger(ProducerConnection.name);
  readonly redis: RedisClient;

  constructor(config: AppConfig) {
    this.redis = createRedisClient(config, 'request');
  }

  /**
   * A queue producers add to over this connection. Each add reports its own failure to its caller;
   * the queue's 'error' event (the connection dropping) is only logged, never left unhandled.
   */
  queue(name: string, config: AppConfig): Queue {
    const queue = new Queue(name, { connection: this.redis, prefix: config.REDIS_PREFIX });
    queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue connection error'));
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { CacheInvalidation } from './cache-invalidation';
import { createRedisClient, REDIS_CLIENT, RedisClient } from './redis-client';

/**
 * One shared connection for request-path work (health, caches, rate limits, OAuth state).
 * It fails fast instead of queueing commands while Redis is away, so requests get a 503
 * rather than hanging. BullMQ opens its own connections (it needs blocking commands).
 */
@Module({
  providers: [
    { provide: REDIS_CLIENT, inject: [AppConfig], useFactory: (config: AppConfig) => createRedisClient(config, 'request') },
    CacheInvalidation,
  ],
  exports: [REDIS_CLIENT, CacheInvalidation],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

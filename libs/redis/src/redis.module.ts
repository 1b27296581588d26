import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { CacheInvalidation } from './cache-invalidation';

/**
 * One shared connection for request-path work (health, caches, rate limits, OAuth state).
 * It fails fast instead of queueing commands while Redis is away, so requests get a 503
 * rather than hanging. BullMQ opens its own connections (it needs blocking commands).
 */
@Global()
@Module({
  providers: [
    {
      provide: Redis,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          lazyConnect: false,
        }),
    },
    CacheInvalidation,
  ],
  exports: [Redis, CacheInvalidation],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

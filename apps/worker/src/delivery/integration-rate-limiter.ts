import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';
import type { IntegrationEntity, MessageType } from '@app/database';

/**
 * Each integration's `rateLimitPerMinute`, shared through Redis so it holds across all worker
 * replicas. Limits of a minute or more are spread per second, so a provider sees an even flow
 * instead of a burst at the start of each minute. Transactional mail never waits: it still uses
 * up the allowance, so marketing mail is what slows down (a password reset goes first).
 */
@Injectable()
export class IntegrationRateLimiter {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /** 0 when the message may go now, else how many milliseconds to wait. */
  async reserve(integration: IntegrationEntity, type: MessageType): Promise<number> {
    const perMinute = integration.rateLimitPerMinute;
    if (!perMinute) return 0;
    if (type === 'transactional') {
      await this.limiterFor(perMinute).penalty(integration.id, 1);
      return 0;
    }
    try {
      await this.limiterFor(perMinute).consume(integration.id);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  }

  /** How long marketing mail has to wait before the next message may go, without using up any of the allowance. */
  async waitMs(integration: IntegrationEntity): Promise<number> {
    const perMinute = integration.rateLimitPerMinute;
    if (!perMinute) return 0;
    const state = await this.limiterFor(perMinute).get(integration.id);
    return state && state.remainingPoints <= 0 ? Math.max(1, state.msBeforeNext) : 0;
  }

  private limiterFor(perMinute: number): RateLimiterRedis {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      const perSecond = perMinute >= 60;
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.config.REDIS_PREFIX}:rate:${perMinute}`,
        points: perSecond ? Math.floor(perMinute / 60) : perMinute,
        duration: perSecond ? 1 : 60,
      });
      this.limiters.set(perMinute, limiter);
    }
    return limiter;
  }
}

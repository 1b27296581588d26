import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

/**
 * Counts failed authentications per client address, shared through Redis so the limit holds
 * across API replicas. Only failures are counted and only failures are refused: a valid key is
 * never slowed down by this, even from an address over its limit (a NAT full of clients, one of
 * them misconfigured). While Redis is away each process counts on its own rather than failing
 * the request.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: RedisClient, config: AppConfig) {
    const limit = { points: config.AUTH_FAILURES_PER_MINUTE, duration: 60 };
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}:auth-failures`,
      ...limit,
      insuranceLimiter: new RateLimiterMemory(limit),
    });
  }

  /** Records one failure from this address: 0 while it is within its limit, else the seconds until it may fail again. */
  async recordFailure(address: string): Promise<number> {
    try {
      await this.limiter.consume(address);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }
}

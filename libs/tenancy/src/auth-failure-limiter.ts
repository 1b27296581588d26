import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FailureCounter, REDIS_CLIENT, RedisClient } from '@app/redis';

/**
 * Counts failed authentications per client address. Only failures are refused: a valid key is
 * never slowed down by this, even from an address over its limit (a NAT full of clients, one of
 * them misconfigured).
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly failures: FailureCounter;

  constructor(@Inject(REDIS_CLIENT) redis: RedisClient, config: AppConfig) {
    this.failures = new FailureCounter(redis, {
      keyPrefix: `${config.REDIS_PREFIX}:auth-failures`,
      points: config.AUTH_FAILURES_PER_MINUTE,
      durationSeconds: 60,
    });
  }

  /** Records one failure from this address: 0 while it is within its limit, else the seconds until it may fail again. */
  recordFailure(address: string): Promise<number> {
    return this.failures.record(address);
  }
}

import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from './redis-client';

export interface FailureLimit {
  /** Where the counters live, under REDIS_PREFIX, e.g. `mailroom:auth-failures`. */
  keyPrefix: string;
  /** Failures a key may have in one window. */
  points: number;
  durationSeconds: number;
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Counts failures per key in fixed windows, shared through Redis so a limit holds across API
 * replicas. Only failures are counted. While Redis is away each process counts on its own rather
 * than failing the request. Keys are stored as given: callers hash anything personal first.
 */
export class FailureCounter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: RedisClient,
    private readonly limit: FailureLimit,
  ) {
    const window = { points: limit.points, duration: limit.durationSeconds };
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: limit.keyPrefix,
      ...window,
      insuranceLimiter: new RateLimiterMemory(window),
    });
  }

  /** Records one failure: 0 while the key is within its limit, else the seconds until it may fail again. */
  async record(key: string): Promise<number> {
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return toSeconds(rejection.msBeforeNext);
      throw rejection;
    }
  }

  /** Without counting: 0 when the key may try now, else the seconds until its window ends. */
  async retryAfter(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    return state && state.consumedPoints >= this.limit.points ? toSeconds(state.msBeforeNext) : 0;
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

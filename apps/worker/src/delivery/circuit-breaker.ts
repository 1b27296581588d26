import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

/**
 * Stops hammering an SMTP server that keeps failing: after CIRCUIT_BREAKER_THRESHOLD transient
 * failures in a row (counted across all workers) the integration's deliveries pause for
 * CIRCUIT_BREAKER_COOLDOWN_MS, then try again.
 */
@Injectable()
export class CircuitBreaker {
  /** Integrations this process saw fail, so a success only costs a Redis call when it matters. */
  private readonly failing = new Set<string>();
  /** Circuits found closed in the last second: a circuit another worker opens is seen within a second. */
  private readonly closed = new LRUCache<string, true>({ max: 10_000, ttl: 1000 });

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  async openFor(integrationId: string): Promise<number> {
    if (this.closed.has(integrationId)) return 0;
    const ttl = await this.redis.pttl(this.key(integrationId, 'open'));
    if (ttl > 0) return ttl;
    this.closed.set(integrationId, true);
    return 0;
  }

  async recordFailure(integrationId: string): Promise<void> {
    this.failing.add(integrationId);
    this.closed.delete(integrationId);
    const failures = this.key(integrationId, 'failures');
    const [[, count]] = (await this.redis
      .multi()
      .incr(failures)
      .pexpire(failures, this.config.CIRCUIT_BREAKER_COOLDOWN_MS * 10)
      .exec()) as [[Error | null, number]];
    if (count >= this.config.CIRCUIT_BREAKER_THRESHOLD) {
      await this.redis
        .multi()
        .set(this.key(integrationId, 'open'), '1', 'PX', this.config.CIRCUIT_BREAKER_COOLDOWN_MS)
        .del(failures)
        .exec();
    }
  }

  async recordSuccess(integrationId: string): Promise<void> {
    if (!this.failing.delete(integrationId)) return;
    await this.redis.del(this.key(integrationId, 'failures'));
  }

  private key(integrationId: string, part: 'open' | 'failures'): string {
    return `${this.config.REDIS_PREFIX}:breaker:${integrationId}:${part}`;
  }
}

import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';

/**
 * Stops hammering an SMTP server that keeps failing: after CIRCUIT_BREAKER_THRESHOLD transient
 * failures in a row (counted across all workers) the integration's deliveries pause for
 * CIRCUIT_BREAKER_COOLDOWN_MS, then try again.
 */
@Injectable()
export class CircuitBreaker {
  /** Integrations this process saw fail, so a success only costs a Redis call when it matters. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async openFor(integrationId: string): Promise<number> {
    const ttl = await this.redis.pttl(this.key(integrationId, 'open'));
    return ttl > 0 ? ttl : 0;
  }

  async recordFailure(integrationId: string): Promise<void> {
    this.failing.add(integrationId);
    const failures = this.key(integrationId, 'failures');
    const [[, count]] = (await this.redis
      .multi()
      .incr(failures)
      .pexpire(failures, this.config.CIRCUIT_BREAKER_COOLDOWN_MS * 10)
      .exec()) as [[Error | null, number]];
    if (count >= this.config.CIRCUIT_BREAKER_THRESHOLD) {
      await this.redis.multi().set(this.key(integrationId, 'open'), '1', 'PX', this.config.CIRCUIT_BREAKER_COOLDOWN_MS).del(failures).exec();
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

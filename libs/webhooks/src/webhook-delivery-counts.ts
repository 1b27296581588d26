import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { WebhookDeliveryStatus } from '@app/database';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

/** What an attempt made of its delivery, as the metrics count it. */
export type AttemptResult = 'delivered' | 'retrying' | 'failed';

export const ATTEMPT_RESULTS: readonly AttemptResult[] = ['delivered', 'retrying', 'failed'];

export function attemptResultOf(status: WebhookDeliveryStatus): AttemptResult {
  return status === 'pending' ? 'retrying' : status;
}

/**
 * Attempts by what they made of their delivery, counted for the whole deployment in Redis:
 * workers record them, the API's /metrics reads them (the worker serves no HTTP). A lost count
 * (Redis away) is a gap in a metric, never in a delivery.
 */
@Injectable()
export class WebhookDeliveryCounts {
  private readonly logger = new Logger(WebhookDeliveryCounts.name);
  private readonly key: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    config: AppConfig,
  ) {
    this.key = `${config.REDIS_PREFIX}:webhook-attempts`;
  }

  add(results: AttemptResult[]): void {
    const counts = new Map<AttemptResult, number>();
    for (const result of results) counts.set(result, (counts.get(result) ?? 0) + 1);
    const pipeline = this.redis.pipeline();
    for (const [result, count] of counts) pipeline.hincrby(this.key, result, count);
    pipeline.exec().catch((error: unknown) => this.logger.debug({ err: error }, 'webhook attempt counts not recorded'));
  }

  async read(): Promise<Record<AttemptResult, number>> {
    const stored = await this.redis.hgetall(this.key);
    return Object.fromEntries(ATTEMPT_RESULTS.map((result) => [result, Number(stored[result] ?? 0)])) as Record<AttemptResult, number>;
  }
}

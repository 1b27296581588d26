import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { WebhookDeliveryStatus } from '@app/database';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

/** What an attempt made of its delivery, as the metrics count it. */
export type AttemptResult = 'delivered' | 'retrying' | 'failed';

export const ATTEMPT_RESULTS: readonly AttemptResult[] = ['delivered', 'retrying', 'failed'];

export function attemptResultOf(status: WebhookDeliveryStatus): AttemptResult {
  return status === 'pending' ? 'retrying' : status;
}

// Counts go to Redis at most this often, in one round trip: a Redis write per batch of attempts cost the worker more than the attempts' own signing.
const REPORT_EVERY_MS = 1000;

/**
 * Attempts by what they made of their delivery, counted for the whole deployment in Redis:
 * workers record them, the API's /metrics reads them (the worker serves no HTTP). A lost count
 * (Redis away) is a gap in a metric, never in a delivery.
 */
@Injectable()
export class WebhookDeliveryCounts implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryCounts.name);
  private readonly key: string;
  private readonly unreported = new Map<AttemptResult, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    config: AppConfig,
  ) {
    this.key = `${config.REDIS_PREFIX}:webhook-attempts`;
  }

  add(results: AttemptResult[]): void {
    for (const result of results) this.unreported.set(result, (this.unreported.get(result) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.report(), REPORT_EVERY_MS);
  }

  async read(): Promise<Record<AttemptResult, number>> {
    await this.report();
    const stored = await this.redis.hgetall(this.key);
    return Object.fromEntries(ATTEMPT_RESULTS.map((result) => [result, Number(stored[result] ?? 0)])) as Record<AttemptResult, number>;
  }

  private async report(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unreported.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [result, count] of this.unreported) pipeline.hincrby(this.key, result, count);
    this.unreported.clear();
    await pipeline.exec().catch((error: unknown) => this.logger.debug({ err: error }, 'webhook attempt counts not recorded'));
  }

  onApplicationShutdown(): Promise<void> {
    return this.report();
  }
}

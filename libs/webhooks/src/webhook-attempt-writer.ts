import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Batcher, ResultBatch } from '@app/batching';
import { AppConfig } from '@app/config';
import { AttemptOutcome, WebhookAttemptsRepository } from './webhook-attempts.repository';
import { attemptResultOf, WebhookDeliveryCounts } from './webhook-delivery-counts';
import { WebhookSubscriptions } from './webhook-subscriptions';

const MAX_BATCH = 500;
/**
 * Long enough that deliveries trickling in beside the mail share a statement (ten a second per
 * worker rather than one per answer); the delivery waits in memory meanwhile, and `POST …/test`
 * answers this much later.
 */
const LINGER_MS = 100;

function duration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  const [size, name] = units.find(([size]) => ms >= size && ms % size === 0) ?? [1, 'millisecond'];
  const count = ms / size;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/**
 * Group commit for attempts: the outcomes of many deliveries (of every endpoint this worker is
 * posting to) are written in one transaction, and each caller awaits the batch holding its own,
 * so a delivery's lease is released only once its attempt is in Postgres.
 */
@Injectable()
export class WebhookAttemptWriter implements OnApplicationShutdown {
  private readonly batcher = new Batcher<AttemptOutcome, Promise<void>>(() => new ResultBatch((outcomes) => this.writeBatch(outcomes)), {
    linger: LINGER_MS,
    maxSize: MAX_BATCH,
    fullDelayMs: 0,
  });
  private readonly disabledReason: string;

  constructor(
    private readonly config: AppConfig,
    private readonly attempts: WebhookAttemptsRepository,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly counts: WebhookDeliveryCounts,
  ) {
    this.disabledReason =
      `No delivery succeeded for ${duration(config.WEBHOOK_DISABLE_AFTER_MS)}, so Mailroom disabled the endpoint. ` +
      'Make the URL answer 2xx, then enable it again (PATCH with "enabled": true): pending deliveries resume, and failed ones can be replayed.';
  }

  write(outcome: AttemptOutcome): Promise<void> {
    return this.batcher.add(outcome);
  }

  private async writeBatch(outcomes: AttemptOutcome[]): Promise<void[]> {
    const disabled = await this.attempts.record(outcomes, this.config.WEBHOOK_DISABLE_AFTER_MS, this.disabledReason);
    for (const workspaceId of new Set(disabled.map((endpoint) => endpoint.workspaceId))) await this.subscriptions.changed(workspaceId);
    this.counts.add(outcomes.map((outcome) => attemptResultOf(outcome.status)));
    return outcomes.map(() => undefined);
  }

  onApplicationShutdown(): Promise<void> {
    return this.batcher.drain();
  }
}

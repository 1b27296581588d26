import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Batch, Batcher } from '@app/batching';
import { MessageType, TransactionRunner } from '@app/database';
import { MessageCountsBatch, MessageEventRows, MessageEventsRepository, MessageStatsRepository, NewMessageEvent } from '@app/messages';
import { WebhookOutbox } from '@app/webhooks';
import { TrackingWebhooks } from './tracking-webhooks';

/**
 * Each COPY costs PostgreSQL a fixed price on top of its rows, so a busy writer waits long enough
 * to fill a batch of 1,000 at the hit rates tracking sees; larger batches block the event loop for
 * longer while they are sent, which shows in the p99 of clicks. The measurements behind both
 * numbers are in docs/BENCHMARKS.md ("Measured once").
 */
const MAX_BATCH = 1000;
const LINGER_MS = 100;

/** An open or a click, with what the overview counts it by. */
export interface TrackingEvent extends NewMessageEvent {
  messageType: MessageType;
  at: Date;
}

/**
 * The rows of one batch, encoded as each event is recorded, what they add to the overview's
 * counters, and, as objects, the events a webhook endpoint may take (none for a workspace without webhooks).
 */
class TrackingBatch implements Batch<TrackingEvent, void> {
  readonly rows = new MessageEventRows();
  readonly counts = new MessageCountsBatch();
  readonly forWebhooks: NewMessageEvent[] = [];

  constructor(
    private readonly write: (batch: TrackingBatch) => Promise<void>,
    private readonly mayWant: (event: NewMessageEvent) => boolean,
  ) {}

  add(event: TrackingEvent): void {
    this.rows.add(event);
    this.counts.add(event.workspaceId, event.messageType, event.type, event.at, event.bot);
    if (this.mayWant(event)) this.forWebhooks.push(event);
  }

  get size(): number {
    return this.rows.count;
  }

  run(): Promise<void> {
    return this.write(this);
  }
}

/**
 * Opens and clicks are written in batches off the request path: a pixel or redirect answers at
 * once and many events share one COPY. Each event is encoded as it is recorded, so the batch
 * holds bytes rather than objects and a flush has only to send it. An event still buffered when
 * the process is killed hard is lost, which tracking (unlike delivery) can afford; its webhook,
 * written in the same transaction as its row, goes with it, so a webhook never reports an
 * event the message's timeline does not show.
 */
@Injectable()
export class TrackingEventWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(TrackingEventWriter.name);
  private readonly batcher = new Batcher<TrackingEvent, void>(
    () =>
      new TrackingBatch(
        (batch) => this.write(batch),
        (event) => this.webhooks.mayWant(event),
      ),
    { linger: LINGER_MS, maxSize: MAX_BATCH, inOrder: true },
  );

  constructor(
    private readonly events: MessageEventsRepository,
    private readonly stats: MessageStatsRepository,
    private readonly webhooks: TrackingWebhooks,
    private readonly outbox: WebhookOutbox,
    private readonly transactions: TransactionRunner,
  ) {}

  record(event: TrackingEvent): void {
    this.batcher.add(event);
  }

  /** Writes what is buffered now; resolves once every batch so far is written (or given up). */
  flush(): Promise<void> {
    return this.batcher.drain();
  }

  onApplicationShutdown(): Promise<void> {
    return this.flush();
  }

  /** The events, their counts and their webhooks together, so the overview never counts an event that was not written, nor misses one that was. */
  private async write({ rows, counts, forWebhooks }: TrackingBatch): Promise<void> {
    try {
      const webhooks = forWebhooks.length === 0 ? [] : await this.webhooks.of(forWebhooks);
      const targets = await this.transactions.run(async (manager) => {
        await this.events.write(rows, manager);
        await this.stats.add(counts.increments(), manager);
        return webhooks.length === 0 ? [] : this.outbox.write(manager, webhooks);
      });
      this.outbox.wake(targets);
    } catch (error) {
      this.logger.error({ err: error, events: rows.count }, 'tracking events could not be written');
    }
  }
}

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Batch, Batcher } from '@app/batching';
import { MessageType, TransactionRunner } from '@app/database';
import { MessageCountsBatch, MessageEventRows, MessageEventsRepository, MessageStatsRepository, NewMessageEvent } from '@app/messages';

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

/** The rows of one batch, encoded as each event is recorded, and what they add to the overview's counters. */
class TrackingBatch implements Batch<TrackingEvent, void> {
  private readonly rows = new MessageEventRows();
  private readonly counts = new MessageCountsBatch();

  constructor(private readonly write: (rows: MessageEventRows, counts: MessageCountsBatch) => Promise<void>) {}

  add(event: TrackingEvent): void {
    this.rows.add(event);
    this.counts.add(event.workspaceId, event.messageType, event.type, event.at, event.bot);
  }

  get size(): number {
    return this.rows.count;
  }

  run(): Promise<void> {
    return this.write(this.rows, this.counts);
  }
}

/**
 * Opens and clicks are written in batches off the request path: a pixel or redirect answers at
 * once and many events share one COPY. Each event is encoded as it is recorded, so the batch
 * holds bytes rather than objects and a flush has only to send it. An event still buffered when
 * the process is killed hard is lost, which tracking (unlike delivery) can afford.
 */
@Injectable()
export class TrackingEventWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(TrackingEventWriter.name);
  private readonly batcher = new Batcher<TrackingEvent, void>(() => new TrackingBatch((rows, counts) => this.write(rows, counts)), {
    linger: LINGER_MS,
    maxSize: MAX_BATCH,
    inOrder: true,
  });

  constructor(
    private readonly events: MessageEventsRepository,
    private readonly stats: MessageStatsRepository,
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

  /** The events and their counts together, so the overview never counts an event that was not written, nor misses one that was. */
  private async write(rows: MessageEventRows, counts: MessageCountsBatch): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        await this.events.write(rows, manager);
        await this.stats.add(counts.increments(), manager);
      });
    } catch (error) {
      this.logger.error({ err: error, events: rows.count }, 'tracking events could not be written');
    }
  }
}

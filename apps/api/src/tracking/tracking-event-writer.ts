import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Batch, Batcher } from '@app/batching';
import { MessageEventRows, MessageEventsRepository, NewMessageEvent } from '@app/messages';

/**
 * Each COPY costs PostgreSQL a fixed price on top of its rows, so a busy writer waits long enough
 * to fill a batch of 1,000 at the hit rates tracking sees; larger batches block the event loop for
 * longer while they are sent, which shows in the p99 of clicks. The measurements behind both
 * numbers are in docs/BENCHMARKS.md ("Measured once").
 */
const MAX_BATCH = 1000;
const LINGER_MS = 100;

/** The rows of one batch, encoded as each event is recorded. */
class TrackingBatch implements Batch<NewMessageEvent, void> {
  private readonly rows = new MessageEventRows();

  constructor(private readonly write: (rows: MessageEventRows) => Promise<void>) {}

  add(event: NewMessageEvent): void {
    this.rows.add(event);
  }

  get size(): number {
    return this.rows.count;
  }

  run(): Promise<void> {
    return this.write(this.rows);
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
  private readonly batcher = new Batcher<NewMessageEvent, void>(() => new TrackingBatch((rows) => this.write(rows)), {
    linger: LINGER_MS,
    maxSize: MAX_BATCH,
    inOrder: true,
  });

  constructor(private readonly events: MessageEventsRepository) {}

  record(event: NewMessageEvent): void {
    this.batcher.add(event);
  }

  /** Writes what is buffered now; resolves once every batch so far is written (or given up). */
  flush(): Promise<void> {
    return this.batcher.drain();
  }

  onApplicationShutdown(): Promise<void> {
    return this.flush();
  }

  private async write(rows: MessageEventRows): Promise<void> {
    try {
      await this.events.write(rows);
    } catch (error) {
      this.logger.error({ err: error, events: rows.count }, 'tracking events could not be written');
    }
  }
}

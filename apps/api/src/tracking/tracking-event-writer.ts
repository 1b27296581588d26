import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MessageEventsRepository, NewMessageEvent } from '@app/messages';

const MAX_BATCH = 1000;
const LINGER_MS = 50;

/**
 * Opens and clicks are written in batches off the request path: a pixel or redirect answers at
 * once and many events share one INSERT. An event still buffered when the process is killed
 * hard is lost, which tracking (unlike delivery) can afford.
 */
@Injectable()
export class TrackingEventWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(TrackingEventWriter.name);
  private buffer: NewMessageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly events: MessageEventsRepository) {}

  record(event: NewMessageEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), LINGER_MS);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) this.writing = this.writing.then(() => this.insert(batch));
    return this.writing;
  }

  private async insert(batch: NewMessageEvent[]): Promise<void> {
    try {
      await this.events.insertMany(batch);
    } catch (error) {
      this.logger.error({ err: error, events: batch.length }, 'tracking events could not be written');
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.flush();
  }
}

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MessageEventType } from '@app/database';

export interface TrackingEvent {
  workspaceId: string;
  messageId: string;
  type: MessageEventType;
  at: Date;
  url: string | null;
  bot: boolean;
  detail: string | null;
  userAgent: string | null;
  ip: string | null;
}

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
  private buffer: TrackingEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(event: TrackingEvent): void {
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

  private async insert(batch: TrackingEvent[]): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO "public"."message_events" (workspace_id, message_id, type, at, url, bot, detail, user_agent, ip)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::bool[], $7::text[], $8::text[], $9::text[])`,
        [
          batch.map((e) => e.workspaceId),
          batch.map((e) => e.messageId),
          batch.map((e) => e.type),
          batch.map((e) => e.at),
          batch.map((e) => e.url),
          batch.map((e) => e.bot),
          batch.map((e) => e.detail),
          batch.map((e) => e.userAgent),
          batch.map((e) => e.ip),
        ],
      );
    } catch (error) {
      this.logger.error({ err: error, events: batch.length }, 'tracking events could not be written');
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.flush();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MessageEventType } from '@app/database';

export interface NewMessageEvent {
  workspaceId: string;
  messageId: string;
  type: MessageEventType;
  at?: Date;
  detail?: string | null;
  url?: string | null;
  bot?: boolean;
  userAgent?: string | null;
  ip?: string | null;
}

/** Every writer of message events (delivery, tracking, unsubscribe) goes through one insert. */
@Injectable()
export class MessageEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement for any number of events (one array parameter per column). */
  async insertMany(events: NewMessageEvent[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (events.length === 0) return;
    const now = new Date();
    await manager.query(
      `INSERT INTO "public"."message_events" (workspace_id, message_id, type, at, detail, url, bot, user_agent, ip)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::text[])`,
      [
        events.map((e) => e.workspaceId),
        events.map((e) => e.messageId),
        events.map((e) => e.type),
        events.map((e) => e.at ?? now),
        events.map((e) => e.detail ?? null),
        events.map((e) => e.url ?? null),
        events.map((e) => e.bot ?? false),
        events.map((e) => e.userAgent ?? null),
        events.map((e) => e.ip ?? null),
      ],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { MessageEventType } from '@app/database';
import { MessageEventRows, NewMessageEvent } from './message-event-rows';

/** An event's kind, as kindsSeen answers it: the same type and bot flag of the same message. */
export function eventKind(messageId: string, type: string, bot: boolean): string {
  return `${messageId} ${type} ${bot}`;
}

const COPY_EVENTS = `COPY "public"."message_events" (workspace_id, message_id, type, at, detail, url, bot, user_agent, ip) FROM STDIN`;

/** Every writer of message events (delivery, tracking, unsubscribe) goes through one COPY. */
@Injectable()
export class MessageEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Which kinds of event (type and bot flag) each message already has among `types`, as
   * `messageId type bot` strings: what tells an open or click whether it is the message's first.
   */
  async kindsSeen(messageIds: string[], types: MessageEventType[]): Promise<Set<string>> {
    const rows: Array<{ message_id: string; type: string; bot: boolean }> = await this.dataSource.query(
      `SELECT DISTINCT message_id, type, bot FROM "public"."message_events" WHERE message_id = ANY($1::uuid[]) AND type = ANY($2::text[])`,
      [[...new Set(messageIds)], types],
    );
    return new Set(rows.map((row) => eventKind(row.message_id, row.type, row.bot)));
  }

  insertMany(events: NewMessageEvent[], manager?: EntityManager): Promise<void> {
    const rows = new MessageEventRows();
    for (const event of events) rows.add(event);
    return this.write(rows, manager);
  }

  /**
   * Rows in one COPY. Tracking writes tens of thousands of events a second, and COPY costs
   * PostgreSQL about half of what an INSERT of the same rows as a JSON document did
   * (docs/BENCHMARKS.md, "Measured once"), and nothing has to parse a document on either side. Inside
   * `manager`'s transaction when it has one.
   */
  async write(rows: MessageEventRows, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.count === 0) return;
    const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      // One CopyData message: each write to the stream is a socket write of its own.
      await finished(client.query(copyFrom(COPY_EVENTS)).end(Buffer.concat(rows.chunks())));
    } finally {
      if (runner !== manager.queryRunner) await runner.release();
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MessageType } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';
import type { MessageCountsIncrement } from './message-counts-batch';

export type StatsBucketSize = 'hour' | 'day';

export interface MessageCounts {
  sent: number;
  failed: number;
  /** Human opens and clicks: fetches by proxies and scanners are not counted. */
  opened: number;
  clicked: number;
  /** Hard bounces and complaints read back from watched mailboxes. */
  bounced: number;
  complained: number;
}

/** The counts of one bucket (a UTC hour or day) for one message type. */
export interface MessageCountsRow extends MessageCounts {
  start: Date;
  type: MessageType;
}

/** What the overview charts: counters per UTC hour and message type, added to by the writers of the events they count (see the message-stats migration). */
@Injectable()
export class MessageStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds a batch's counts in one statement, inside `manager`'s transaction (the one writing the
   * events). Rows are locked in the order given, which MessageCountsBatch keeps to the key's.
   */
  async add(increments: MessageCountsIncrement[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (increments.length === 0) return;
    await manager.query(
      `INSERT INTO "public"."message_stats" AS s (workspace_id, hour, type, sent, failed, opened, clicked, bounced, complained)
       SELECT workspace_id, hour, type, sent, failed, opened, clicked, bounced, complained
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[]) WITH ORDINALITY
         AS t(workspace_id, hour, type, sent, failed, opened, clicked, bounced, complained, position)
       ORDER BY position
       ON CONFLICT (workspace_id, hour, type) DO UPDATE SET
         sent = s.sent + excluded.sent,
         failed = s.failed + excluded.failed,
         opened = s.opened + excluded.opened,
         clicked = s.clicked + excluded.clicked,
         bounced = s.bounced + excluded.bounced,
         complained = s.complained + excluded.complained`,
      [
        increments.map((row) => row.workspaceId),
        increments.map((row) => row.hour),
        increments.map((row) => row.type),
        increments.map((row) => row.sent),
        increments.map((row) => row.failed),
        increments.map((row) => row.opened),
        increments.map((row) => row.clicked),
        increments.map((row) => row.bounced),
        increments.map((row) => row.complained),
      ],
    );
  }

  /** Buckets from `since` on that have anything to count, oldest first; empty buckets are absent. */
  countsSince(workspaceId: WorkspaceId, since: Date, size: StatsBucketSize): Promise<MessageCountsRow[]> {
    return this.dataSource.query(
      `SELECT date_trunc($3, hour, 'UTC') AS start, type,
         sum(sent)::int AS sent, sum(failed)::int AS failed, sum(opened)::int AS opened, sum(clicked)::int AS clicked,
         sum(bounced)::int AS bounced, sum(complained)::int AS complained
       FROM "public"."message_stats"
       WHERE workspace_id = $1 AND hour >= $2
       GROUP BY 1, 2
       ORDER BY 1, 2`,
      [workspaceId, since, size],
    );
  }

  /** Messages not sent yet (queued, or an attempt running now), per type. */
  async unfinished(workspaceId: WorkspaceId): Promise<Record<MessageType, number>> {
    const rows = (await this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM "public"."messages"
       WHERE workspace_id = $1 AND status IN ('queued', 'sending')
       GROUP BY type`,
      [workspaceId],
    )) as Array<{ type: MessageType; count: number }>;
    const counts: Record<MessageType, number> = { transactional: 0, marketing: 0 };
    for (const row of rows) counts[row.type] = row.count;
    return counts;
  }
}

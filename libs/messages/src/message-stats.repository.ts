import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MessageType } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

export type StatsBucketSize = 'hour' | 'day';

export interface MessageCounts {
  sent: number;
  failed: number;
  /** Human opens and clicks: fetches by proxies and scanners are not counted. */
  opened: number;
  clicked: number;
}

/** The counts of one bucket (a UTC hour or day) for one message type. */
export interface MessageCountsRow extends MessageCounts {
  start: Date;
  type: MessageType;
}

/** What the overview charts: counters kept per hour by the `message_events_count` trigger (see the message-stats migration). */
@Injectable()
export class MessageStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Buckets from `since` on that have anything to count, oldest first; empty buckets are absent. */
  countsSince(workspaceId: WorkspaceId, since: Date, size: StatsBucketSize): Promise<MessageCountsRow[]> {
    return this.dataSource.query(
      `SELECT date_trunc($3, hour, 'UTC') AS start, type,
         sum(sent)::int AS sent, sum(failed)::int AS failed, sum(opened)::int AS opened, sum(clicked)::int AS clicked
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

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkspaceId } from '@app/workspace-id';

/**
 * What retention and erasure remove of the webhook outbox. An event goes with its deliveries and
 * their attempts (the foreign keys cascade); one with a delivery still pending is kept until that
 * delivery ends, unless a recipient's erasure says otherwise.
 */
@Injectable()
export class WebhookRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes up to `limit` finished events created before `before`; answers how many. */
  async purgeEvents(workspaceId: WorkspaceId, before: Date, limit: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `WITH doomed AS (
         SELECT e.id FROM "public"."webhook_events" e
         WHERE e.workspace_id = $1 AND e.created_at < $2
           AND NOT EXISTS (SELECT 1 FROM "public"."webhook_deliveries" d WHERE d.event_id = e.id AND d.status = 'pending')
         ORDER BY e.created_at LIMIT $3
       ),
       gone AS (DELETE FROM "public"."webhook_events" e USING doomed WHERE e.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [workspaceId, before, limit],
    )) as Array<{ deleted: number }>;
    return row!.deleted;
  }

  /**
   * A recipient's erasure: deletes up to `limit` events whose body names the address (every
   * `message.*` event names its recipients), pending deliveries included, so no receiver is sent
   * it afterwards and the delivery log keeps nothing of it.
   */
  async forgetAddress(workspaceId: WorkspaceId, email: string, limit: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `WITH doomed AS (
         SELECT id FROM "public"."webhook_events" WHERE workspace_id = $1 AND strpos(lower(body), $2) > 0 LIMIT $3
       ),
       gone AS (DELETE FROM "public"."webhook_events" e USING doomed WHERE e.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [workspaceId, email.toLowerCase(), limit],
    )) as Array<{ deleted: number }>;
    return row!.deleted;
  }
}

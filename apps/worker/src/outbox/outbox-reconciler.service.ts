import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { MessageType } from '@app/database';
import { BroadcastProducer, DeliveryProducer } from '@app/queue';
import { trustedWorkspaceId } from '@app/workspace-id';

const BATCH = 5000;
const COLUMNS = 'id, workspace_id, type, broadcast_id, integration_id';

interface Row {
  id: string;
  workspace_id: string;
  type: MessageType;
  broadcast_id: string | null;
  integration_id: string;
}

/**
 * Postgres is the outbox: every message still `queued` after a grace period is enqueued again,
 * and every `sending` message whose lease ran out (its worker died) goes back to `queued`.
 * Enqueuing uses the message id as job id, so messages whose job still exists are left alone,
 * and a broadcast's messages are left to its slices while any is pending; after Redis loses its
 * data, every unfinished message gets its job back. Broadcasts whose
 * fan-out has not moved for a while (a resume that raced the end of the previous fan-out job,
 * lost Redis data) get their fan-out job back the same way.
 */
@Injectable()
export class OutboxReconciler {
  private readonly logger = new Logger(OutboxReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: DeliveryProducer,
    private readonly broadcasts: BroadcastProducer,
    private readonly config: AppConfig,
  ) {}

  async reconcile(): Promise<number> {
    const [expired] = (await this.dataSource.query(
      `UPDATE "public"."messages" SET status = 'queued', lease_until = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM "public"."messages" WHERE status = 'sending' AND lease_until < now() LIMIT $1)
       RETURNING ${COLUMNS}`,
      [BATCH],
    )) as [Row[], number];
    const graceMs = Math.max(1000, Math.floor(this.config.OUTBOX_RECONCILE_INTERVAL_MS / 2));
    // Touching updated_at moves checked rows to the back, so a backlog larger than one batch is
    // walked through over successive runs instead of re-checking the same oldest rows.
    const [stranded] = (await this.dataSource.query(
      `UPDATE "public"."messages" SET updated_at = now()
       WHERE id IN (
         SELECT id FROM "public"."messages"
         WHERE status = 'queued' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [graceMs, BATCH],
    )) as [Row[], number];
    // A queued broadcast message usually waits in a slice still pending: only when none of its
    // broadcast's slices is left has it lost its job. Orphans of an expired lease have lost theirs.
    const orphans = [...expired];
    const pending = new Map<string, boolean>();
    for (const row of stranded) {
      if (row.broadcast_id && !pending.has(row.broadcast_id)) pending.set(row.broadcast_id, await this.producer.hasPendingSlices(row.broadcast_id));
      if (!row.broadcast_id || !pending.get(row.broadcast_id)) orphans.push(row);
    }
    await this.requeue(orphans);
    if (expired.length + stranded.length > 0) {
      this.logger.log({ requeued: orphans.length, expired: expired.length, checked: stranded.length }, 'outbox reconciled');
    }
    await this.restartStalledFanOuts(graceMs);
    return orphans.length;
  }

  /** Single messages get their own job back; a broadcast's messages go back in slices. */
  private async requeue(rows: Row[]): Promise<void> {
    await this.producer.enqueue(
      rows.filter((row) => !row.broadcast_id).map((row) => ({ workspaceId: trustedWorkspaceId(row.workspace_id), messageId: row.id, type: row.type })),
      true,
    );
    const slices = new Map<string, Row[]>();
    for (const row of rows) {
      if (!row.broadcast_id) continue;
      const members = slices.get(row.broadcast_id);
      if (members) members.push(row);
      else slices.set(row.broadcast_id, [row]);
    }
    for (const [broadcastId, members] of slices) {
      const { workspace_id: workspaceId, integration_id: integrationId } = members[0]!;
      await this.producer.enqueueBroadcastRecipients({ workspaceId: trustedWorkspaceId(workspaceId), broadcastId, integrationId }, members.map((row) => row.id));
    }
  }

  private async restartStalledFanOuts(graceMs: number): Promise<void> {
    const stalled = (await this.dataSource.query(
      `SELECT id, workspace_id FROM "public"."broadcasts"
       WHERE status = 'sending' AND NOT fanout_done AND updated_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [graceMs],
    )) as Array<{ id: string; workspace_id: string }>;
    for (const broadcast of stalled) await this.broadcasts.fanOut(trustedWorkspaceId(broadcast.workspace_id), broadcast.id);
  }
}

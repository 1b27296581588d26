import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { MessageType } from '@app/database';
import { BroadcastProducer, DeliveryProducer } from '@app/queue';

const BATCH = 5000;

/**
 * Postgres is the outbox: every message still `queued` after a grace period is enqueued again,
 * and every `sending` message whose lease ran out (its worker died) goes back to `queued`.
 * Enqueuing uses the message id as job id, so messages whose job still exists are left alone;
 * after Redis loses its data, every unfinished message gets its job back. Broadcasts whose
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
    type Row = { id: string; workspace_id: string; type: MessageType };
    const [expired] = (await this.dataSource.query(
      `UPDATE "public"."messages" SET status = 'queued', lease_until = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM "public"."messages" WHERE status = 'sending' AND lease_until < now() LIMIT $1)
       RETURNING id, workspace_id, type`,
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
       RETURNING id, workspace_id, type`,
      [graceMs, BATCH],
    )) as [Row[], number];
    const rows = [...expired, ...stranded];
    if (rows.length > 0) {
      await this.producer.enqueue(rows.map((row) => ({ workspaceId: row.workspace_id, messageId: row.id, type: row.type })));
      this.logger.log({ requeued: expired.length, checked: stranded.length }, 'outbox reconciled');
    }
    await this.restartStalledFanOuts(graceMs);
    return rows.length;
  }

  private async restartStalledFanOuts(graceMs: number): Promise<void> {
    const stalled = (await this.dataSource.query(
      `SELECT id, workspace_id FROM "public"."broadcasts"
       WHERE status = 'sending' AND NOT fanout_done AND updated_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [graceMs],
    )) as Array<{ id: string; workspace_id: string }>;
    for (const broadcast of stalled) await this.broadcasts.fanOut(broadcast.workspace_id, broadcast.id);
  }
}

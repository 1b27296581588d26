import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { BroadcastEntity, BroadcastStatus } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

export interface BroadcastCounts {
  queued: number;
  sent: number;
  failed: number;
  suppressed: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  /** Sent, then bounced for good (a hard bounce): counted in `sent` too. */
  bounced: number;
  complained: number;
}

@Injectable()
export class BroadcastsRepository {
  constructor(@InjectRepository(BroadcastEntity) private readonly broadcasts: Repository<BroadcastEntity>) {}

  findById(workspaceId: WorkspaceId, id: string, manager: EntityManager = this.broadcasts.manager): Promise<BroadcastEntity | null> {
    return manager.findOneBy(BroadcastEntity, { workspaceId, id });
  }

  list(workspaceId: WorkspaceId, limit: number): Promise<BroadcastEntity[]> {
    return this.broadcasts.find({ where: { workspaceId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  save(workspaceId: WorkspaceId, broadcast: BroadcastEntity): Promise<BroadcastEntity> {
    broadcast.workspaceId = workspaceId;
    return this.broadcasts.save(broadcast);
  }

  /**
   * Moves the broadcast to `to` only if it is in one of `from` now: two admins pressing pause and
   * resume at once, or a fan-out racing a cancel, cannot leave it in a state nobody chose.
   */
  async transition(
    workspaceId: WorkspaceId,
    id: string,
    from: BroadcastStatus[],
    to: BroadcastStatus,
    changes: Partial<BroadcastEntity> = {},
    manager: EntityManager = this.broadcasts.manager,
  ): Promise<boolean> {
    const result = await manager.update(BroadcastEntity, { workspaceId, id, status: In(from) }, { ...changes, status: to });
    return (result.affected ?? 0) > 0;
  }

  /** Every member has a message now; the status is left as it is (it may have been paused meanwhile). */
  async markFannedOut(workspaceId: WorkspaceId, id: string): Promise<void> {
    await this.broadcasts.update({ workspaceId, id }, { fanoutDone: true });
  }

  /** Records a fanned-out page in the same transaction as its messages; answers the broadcast's status now. */
  async advanceFanOut(
    workspaceId: WorkspaceId,
    id: string,
    page: { cursor: string; recipients: number; skipped: number },
    manager: EntityManager,
  ): Promise<BroadcastStatus> {
    const [[row]] = (await manager.query(
      `UPDATE "public"."broadcasts" SET fanout_cursor = $3, recipients = recipients + $4, skipped = skipped + $5, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING status`,
      [workspaceId, id, page.cursor, page.recipients, page.skipped],
    )) as [[{ status: BroadcastStatus }], number];
    return row.status;
  }

  /**
   * In every workspace, for the outbox reconciler: sending broadcasts whose fan-out has not moved
   * for `graceMs` (a resume that raced the end of the previous fan-out job, lost Redis data).
   */
  stalledFanOuts(graceMs: number): Promise<Array<{ id: string; workspaceId: WorkspaceId }>> {
    return this.broadcasts.query(
      `SELECT id, workspace_id AS "workspaceId" FROM "public"."broadcasts"
       WHERE status = 'sending' AND NOT fanout_done AND updated_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [graceMs],
    );
  }

  /**
   * In every workspace, for the outbox reconciler: sending broadcasts whose fan-out is done and
   * whose messages have all been sent, failed or suppressed, which are therefore complete.
   */
  finishedSending(): Promise<Array<{ id: string; workspaceId: WorkspaceId }>> {
    return this.broadcasts.query(
      `SELECT b.id, b.workspace_id AS "workspaceId" FROM "public"."broadcasts" b
       WHERE b.status = 'sending' AND b.fanout_done AND NOT EXISTS (
         SELECT 1 FROM "public"."messages" m
         WHERE m.status IN ('queued', 'sending') AND m.broadcast_id = b.id AND m.workspace_id = b.workspace_id)`,
    );
  }

  async counts(workspaceId: WorkspaceId, id: string): Promise<BroadcastCounts> {
    const [statuses] = (await this.broadcasts.query(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'sending'))::int AS queued,
              count(*) FILTER (WHERE status IN ('sent', 'bounced'))::int AS sent,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
              count(*) FILTER (WHERE status = 'bounced')::int AS bounced
       FROM "public"."messages" WHERE workspace_id = $1 AND broadcast_id = $2`,
      [workspaceId, id],
    )) as Array<Pick<BroadcastCounts, 'queued' | 'sent' | 'failed' | 'suppressed' | 'bounced'>>;
    const [events] = (await this.broadcasts.query(
      `SELECT count(DISTINCT e.message_id) FILTER (WHERE e.type = 'open')::int AS opened,
              count(DISTINCT e.message_id) FILTER (WHERE e.type = 'click')::int AS clicked,
              count(DISTINCT e.message_id) FILTER (WHERE e.type = 'unsubscribe')::int AS unsubscribed,
              count(DISTINCT e.message_id) FILTER (WHERE e.type = 'complaint')::int AS complained
       FROM "public"."message_events" e JOIN "public"."messages" m ON m.id = e.message_id
       WHERE m.workspace_id = $1 AND m.broadcast_id = $2 AND e.type IN ('open', 'click', 'unsubscribe', 'complaint') AND NOT e.bot`,
      [workspaceId, id],
    )) as Array<Pick<BroadcastCounts, 'opened' | 'clicked' | 'unsubscribed' | 'complained'>>;
    return { ...statuses!, ...events! };
  }

  /** Cancelling drops what was not sent yet: those messages end as failed with the reason. */
  cancelUnsent(workspaceId: WorkspaceId, id: string): Promise<void> {
    return this.dropUnsent(workspaceId, id, 'broadcast_cancelled', 'The broadcast was cancelled before this message was sent');
  }

  /** A broadcast that stops (cancelled, or failed) sends nothing more: its queued messages fail with `code` and `message`. */
  async dropUnsent(workspaceId: WorkspaceId, id: string, code: string, message: string): Promise<void> {
    await this.broadcasts.query(
      `UPDATE "public"."messages" SET status = 'failed', error_code = $3, error_message = $4, updated_at = now()
       WHERE workspace_id = $1 AND broadcast_id = $2 AND status = 'queued'`,
      [workspaceId, id, code, message],
    );
  }
}

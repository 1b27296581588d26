import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { BroadcastsRepository, BroadcastTransitions } from '@app/marketing';
import { MessagesRepository, OutboxMessage } from '@app/messages';
import { BroadcastProducer, DeliveryProducer } from '@app/queue';

const BATCH = 5000;

/**
 * Postgres is the outbox: every message still `queued` after a grace period is enqueued again,
 * and every `sending` message whose lease ran out (its worker died) goes back to `queued`.
 * Enqueuing uses the message id as job id, so messages whose job still exists are left alone,
 * and a broadcast's messages are left to its slices while any is pending; after Redis loses its
 * data, every unfinished message gets its job back. Broadcasts whose
 * fan-out has not moved for a while (a resume that raced the end of the previous fan-out job,
 * lost Redis data) get their fan-out job back the same way, and sending broadcasts with nothing
 * left to send are completed (`broadcast.completed`) without anyone having to look at them.
 */
@Injectable()
export class OutboxReconciler {
  private readonly logger = new Logger(OutboxReconciler.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly broadcasts: BroadcastsRepository,
    private readonly transitions: BroadcastTransitions,
    private readonly producer: DeliveryProducer,
    private readonly broadcastProducer: BroadcastProducer,
    private readonly config: AppConfig,
  ) {}

  async reconcile(): Promise<number> {
    const expired = await this.messages.requeueExpiredLeases(BATCH);
    const graceMs = Math.max(1000, Math.floor(this.config.OUTBOX_RECONCILE_INTERVAL_MS / 2));
    const stranded = await this.messages.touchLongQueued(graceMs, BATCH);
    // A queued broadcast message usually waits in a slice still pending: only when none of its
    // broadcast's slices is left has it lost its job. Orphans of an expired lease have lost theirs.
    const orphans = [...expired];
    const pending = new Map<string, boolean>();
    for (const row of stranded) {
      if (row.broadcastId && !pending.has(row.broadcastId))
        pending.set(row.broadcastId, await this.producer.hasPendingSlices(row.broadcastId));
      if (!row.broadcastId || !pending.get(row.broadcastId)) orphans.push(row);
    }
    await this.requeue(orphans);
    if (expired.length + stranded.length > 0) {
      this.logger.log({ requeued: orphans.length, expired: expired.length, checked: stranded.length }, 'outbox reconciled');
    }
    await this.restartStalledFanOuts(graceMs);
    await this.completeFinishedBroadcasts();
    return orphans.length;
  }

  /** Single messages get their own job back; a broadcast's messages go back in slices. */
  private async requeue(rows: OutboxMessage[]): Promise<void> {
    await this.producer.enqueue(
      rows.filter((row) => !row.broadcastId).map((row) => ({ workspaceId: row.workspaceId, messageId: row.id, type: row.type })),
      true,
    );
    const slices = new Map<string, OutboxMessage[]>();
    for (const row of rows) {
      if (!row.broadcastId) continue;
      const members = slices.get(row.broadcastId);
      if (members) members.push(row);
      else slices.set(row.broadcastId, [row]);
    }
    for (const [broadcastId, members] of slices) {
      const { workspaceId, integrationId } = members[0]!;
      await this.producer.enqueueBroadcastRecipients(
        { workspaceId, broadcastId, integrationId },
        members.map((row) => row.id),
      );
    }
  }

  private async completeFinishedBroadcasts(): Promise<void> {
    for (const { workspaceId, id } of await this.broadcasts.finishedSending()) {
      await this.transitions.move(workspaceId, id, ['sending'], 'sent', 'broadcast.completed', { finishedAt: new Date() });
    }
  }

  private async restartStalledFanOuts(graceMs: number): Promise<void> {
    const stalled = await this.broadcasts.stalledFanOuts(graceMs);
    for (const broadcast of stalled) await this.broadcastProducer.fanOut(broadcast.workspaceId, broadcast.id);
  }
}

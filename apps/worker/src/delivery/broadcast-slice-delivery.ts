import { Injectable, Logger } from '@nestjs/common';
import { MessagesRepository } from '@app/messages';
import { DeliveryProducer, DeliveryRequest, JobName, JobPayloads } from '@app/queue';
import { trustedWorkspaceId } from '@app/tenancy';
import { BroadcastSnapshots, PAUSED_RECHECK_MS } from '../broadcasts/broadcast-snapshots';
import { DeliveryOutcome, DeliveryService } from './delivery.service';

/**
 * Delivers one slice of a fanned-out broadcast page. Its queued messages are claimed in one
 * statement and sent one after another (the worker's concurrency counts slices, so it still
 * bounds the sends in flight). A message that has to wait (rate limit, open circuit, retry
 * backoff, a pause) is released and goes on as a job of its own, so the slice never sleeps.
 */
@Injectable()
export class BroadcastSliceDelivery {
  private readonly logger = new Logger(BroadcastSliceDelivery.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly delivery: DeliveryService,
    private readonly snapshots: BroadcastSnapshots,
    private readonly producer: DeliveryProducer,
  ) {}

  async deliver({ workspaceId, broadcastId, messageIds }: JobPayloads[JobName.DeliverBroadcastRecipients]): Promise<DeliveryOutcome> {
    // A paused slice waits whole, without claiming anything.
    if (await this.snapshots.onHold(workspaceId, broadcastId)) return { retryInMs: PAUSED_RECHECK_MS };
    const claimed = await this.messages.claimForDelivery(trustedWorkspaceId(workspaceId), messageIds, this.delivery.leaseUntil());
    const later: DeliveryRequest[] = [];
    for (const message of claimed) {
      // One message's unexpected error (a lost database connection) does not hold up the rest.
      const outcome = await this.delivery.deliverHeld(message).catch((error: unknown) => {
        this.logger.warn({ err: error, messageId: message.id }, 'delivery failed unexpectedly; the outbox reconciler queues it again when its lease runs out');
        return null;
      });
      if (outcome) later.push({ workspaceId, messageId: message.id, type: 'marketing', delayMs: outcome.retryInMs });
    }
    if (later.length > 0) await this.producer.enqueue(later);
    return null;
  }
}

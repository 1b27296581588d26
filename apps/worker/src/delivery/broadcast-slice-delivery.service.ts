import { Injectable, Logger } from '@nestjs/common';
import { IntegrationsRepository } from '@app/integrations';
import { MessagesRepository } from '@app/messages';
import { DeliveryProducer, DeliveryRequest, JobName, JobPayloads } from '@app/queue';
import { trustedWorkspaceId } from '@app/workspace-id';
import { BroadcastSnapshots, isOnHold, PAUSED_RECHECK_MS } from '../broadcasts/broadcast-snapshots';
import { DeliveryGate } from './delivery-gate.service';
import { DeliveryOutcome } from './delivery-outcome';
import { DeliveryService } from './delivery.service';

/**
 * Delivers one slice of a fanned-out broadcast page. Its queued messages are claimed in one
 * statement and sent one after another (the worker's concurrency counts slices, so it still
 * bounds the sends in flight). When the broadcast or its integration has to wait (a pause, the
 * rate limit, an open circuit) the whole slice waits: it looks before claiming anything, and
 * gives back what it has not sent when the wait begins midway. A message that has to wait on
 * its own (retry backoff) goes on as a job of its own.
 */
@Injectable()
export class BroadcastSliceDelivery {
  private readonly logger = new Logger(BroadcastSliceDelivery.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly delivery: DeliveryService,
    private readonly gate: DeliveryGate,
    private readonly snapshots: BroadcastSnapshots,
    private readonly producer: DeliveryProducer,
  ) {}

  async deliver({
    workspaceId,
    broadcastId,
    integrationId,
    messageIds,
  }: JobPayloads[JobName.DeliverBroadcastRecipients]): Promise<DeliveryOutcome> {
    const workspace = trustedWorkspaceId(workspaceId);
    if (isOnHold((await this.snapshots.get(workspaceId, broadcastId)).status)) return { retryInMs: PAUSED_RECHECK_MS, shared: true };
    const integration = await this.integrations.cachedById(workspace, integrationId);
    // A deleted integration: each message fails on its own, with the reason.
    if (integration) {
      const waitMs = await this.gate.sliceWaitMs(integration);
      if (waitMs > 0) return { retryInMs: waitMs, shared: true };
    }

    const claimed = await this.delivery.claim(workspace, messageIds);
    const later: DeliveryRequest[] = [];
    for (const [index, message] of claimed.entries()) {
      // One message's unexpected error (a lost database connection) does not hold up the rest.
      const outcome = await this.delivery.deliverHeld(message).catch((error: unknown) => {
        this.logger.warn(
          { err: error, messageId: message.id },
          'delivery failed unexpectedly; the outbox reconciler queues it again when its lease runs out',
        );
        return null;
      });
      if (outcome?.shared) {
        await this.messages.releaseClaims(
          workspace,
          claimed.slice(index + 1).map((rest) => rest.id),
        );
        await this.producer.enqueue(later);
        return outcome;
      }
      if (outcome) later.push({ workspaceId, messageId: message.id, type: 'marketing', delayMs: outcome.retryInMs });
    }
    await this.producer.enqueue(later);
    return null;
  }
}

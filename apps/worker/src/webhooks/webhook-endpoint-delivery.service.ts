import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobName, JobPayloads, WebhookProducer } from '@app/queue';
import {
  ClaimedDelivery,
  PreparedEndpoint,
  WebhookDeliveriesRepository,
  WebhookDispatcher,
  WebhookEndpointsRepository,
} from '@app/webhooks';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';

/** How long one job keeps an endpoint before it goes to the back of the queue, so endpoints with backlogs take turns. */
const SLICE_MS = 15_000;

/**
 * Works through what is due to one endpoint, at most WEBHOOK_ENDPOINT_CONCURRENCY requests at
 * once across every worker (the claim counts the leases held), so a slow or dead endpoint holds
 * one job of this worker and its own few connections, never another endpoint's deliveries or
 * any mail (which has queues of its own). It claims again as places free up, until nothing is
 * due; the next retry due later wakes the endpoint again then.
 */
@Injectable()
export class WebhookEndpointDelivery implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookEndpointDelivery.name);
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly producer: WebhookProducer,
  ) {}

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /** `jobId`: the job doing it, so the wake-up it leaves for a later retry is never one it holds itself. */
  async deliver({ workspaceId, endpointId }: JobPayloads[JobName.DeliverWebhooks], jobId?: string): Promise<void> {
    const workspace = trustedWorkspaceId(workspaceId);
    const endpoint = await this.endpoints.findById(workspace, endpointId);
    if (!endpoint?.enabled) return;
    const prepared = this.dispatcher.prepare(endpoint);
    const concurrency = this.config.WEBHOOK_ENDPOINT_CONCURRENCY;
    const until = Date.now() + SLICE_MS;
    const inFlight = new Set<Promise<void>>();
    // Claiming costs a statement: it waits until half the places are free, or all of them.
    const claimAgainAt = Math.max(1, Math.ceil(concurrency / 2));
    for (;;) {
      const free = concurrency - inFlight.size;
      if (!this.stopping && Date.now() < until && (inFlight.size === 0 || free >= claimAgainAt)) {
        const claimed = await this.deliveries.claim(workspace, endpointId, free, concurrency, this.config.WEBHOOK_LEASE_MS);
        for (const delivery of claimed) {
          const attempt = this.attempt(prepared, delivery).finally(() => inFlight.delete(attempt));
          inFlight.add(attempt);
        }
      }
      // Stopping only here, after a claim with nothing in flight: whatever was due before it was seen.
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    await this.wakeLater(workspace, endpointId, this.stopping || Date.now() >= until, jobId);
  }

  private async attempt(endpoint: PreparedEndpoint, delivery: ClaimedDelivery): Promise<void> {
    try {
      await this.dispatcher.attempt(endpoint, delivery);
    } catch (error) {
      this.logger.warn(
        { err: error, endpointId: endpoint.id, deliveryId: delivery.id },
        'webhook attempt not recorded; the delivery goes again when its lease runs out',
      );
    }
  }

  /**
   * Due deliveries this job leaves behind are another holder's (a full window), or this job's
   * own when its slice ran out: then it goes to the back of the queue. Retries due later wake
   * the endpoint when they are due.
   */
  private async wakeLater(workspaceId: WorkspaceId, endpointId: string, sliceOver: boolean, jobId: string | undefined): Promise<void> {
    if (sliceOver) return this.producer.wake([{ workspaceId, endpointId }]);
    const next = await this.deliveries.nextDueAfterNow(workspaceId, endpointId);
    if (next) await this.producer.wakeAt({ workspaceId, endpointId }, next, jobId);
  }
}

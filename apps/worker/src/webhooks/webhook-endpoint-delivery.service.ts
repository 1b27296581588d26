import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import type { WebhookEndpointEntity } from '@app/database';
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
const MIN_POLL_MS = 25;
/**
 * After a claim that got fewer than it asked for (the backlog is drained): what comes next
 * trickles in with the mail, so it is fetched a tenth of a second's worth at a time rather than
 * with a query per status batch.
 */
const CAUGHT_UP_POLL_MS = 100;
const MAX_POLL_MS = 1000;
/**
 * Empty looks (about 0.4 s, backing off) before an owner with nothing in flight lets go: events
 * that trickle in (a few with each batch of sent mail) then go on one owner's connections rather
 * than costing a job, an acquire and a release each.
 */
const LINGER_LOOKS = 4;
/**
 * Deliveries claimed ahead, in multiples of the endpoint's concurrency: enough that the next
 * claim, which a busy Postgres may take milliseconds to answer, lands before the last runs out,
 * and that a backlog costs one query per eighty deliveries or so.
 */
const CLAIMED_AHEAD = 16;

function pause(ms: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
  return { done, cancel: () => clearTimeout(timer) };
}

/**
 * Works through what is due to one endpoint. One job at a time owns an endpoint (see
 * WebhookEndpointsRepository.acquire) and keeps at most WEBHOOK_ENDPOINT_CONCURRENCY requests to
 * it in flight, so a slow or dead endpoint holds one job of one worker and its own few
 * connections, never another endpoint's deliveries or any mail (which has queues of its own). A
 * place frees up when an answer comes; the outcome is written in the background, the delivery
 * held in memory until then. If the owner dies, its ownership runs out (WEBHOOK_LEASE_MS) and
 * the next owner sends what it had in flight again. A retry due later wakes the endpoint then.
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

  /**
   * A job that finds the endpoint owned leaves it to its owner, which looks for due deliveries
   * again after letting go, so one that came meanwhile is never left behind. `jobId`: the job
   * doing it, so the wake-up it leaves for a later retry is never one it holds itself.
   */
  async deliver({ workspaceId, endpointId }: JobPayloads[JobName.DeliverWebhooks], jobId?: string): Promise<void> {
    const workspace = trustedWorkspaceId(workspaceId);
    const token = randomUUID();
    const until = Date.now() + SLICE_MS;
    for (;;) {
      const endpoint = await this.endpoints.acquire(workspace, endpointId, token, this.config.WEBHOOK_LEASE_MS);
      if (!endpoint) return;
      try {
        await this.deliverOwned(endpoint, token, until);
      } finally {
        await this.endpoints.release(workspace, endpointId, token);
      }
      if (this.stopping || Date.now() >= until) return this.producer.wake([{ workspaceId: workspace, endpointId }]);
      if (!(await this.deliveries.hasDue(workspace, endpointId))) break;
    }
    await this.wakeForRetry(workspace, endpointId, jobId);
  }

  /**
   * Up to WEBHOOK_ENDPOINT_CONCURRENCY requests in flight, fed from deliveries claimed ahead
   * (CLAIMED_AHEAD), so a place that frees up never waits for a claim. With nothing due, it looks
   * again now and then, sooner after it last found work: the wake-ups of deliveries made
   * meanwhile come as jobs that leave them to this owner.
   */
  private async deliverOwned(endpoint: WebhookEndpointEntity, token: string, until: number): Promise<void> {
    const workspaceId = trustedWorkspaceId(endpoint.workspaceId);
    const { WEBHOOK_ENDPOINT_CONCURRENCY: concurrency, WEBHOOK_LEASE_MS: leaseMs } = this.config;
    const prepared = this.dispatcher.prepare(endpoint);
    const claimed: ClaimedDelivery[] = [];
    const posting = new Set<Promise<void>>();
    const recording = new Set<Promise<void>>();
    // Every delivery taken and not recorded yet: the next look must not take it again.
    const holding = new Set<string>();
    const looking = { claim: null as Promise<void> | null, empty: 0, againAt: 0 };
    const claim = () => {
      const limit = concurrency * CLAIMED_AHEAD - claimed.length;
      looking.claim = this.deliveries
        .due(workspaceId, endpoint.id, limit, [...holding])
        .then((deliveries) => {
          for (const delivery of deliveries) holding.add(delivery.id);
          claimed.push(...deliveries);
          looking.empty = deliveries.length === 0 ? looking.empty + 1 : 0;
          const wait = looking.empty === 0 ? CAUGHT_UP_POLL_MS : Math.min(MAX_POLL_MS, MIN_POLL_MS * 2 ** looking.empty);
          looking.againAt = deliveries.length === limit ? 0 : Date.now() + wait;
        })
        .finally(() => (looking.claim = null));
    };
    const renewal = setInterval(() => {
      this.endpoints.renew(workspaceId, endpoint.id, token, leaseMs).catch((error: unknown) => {
        this.logger.warn({ err: error, endpointId: endpoint.id }, 'could not renew the ownership of a webhook endpoint');
      });
    }, leaseMs / 3);
    try {
      for (;;) {
        while (posting.size < concurrency && claimed.length > 0) {
          const attempt = this.attempt(prepared, claimed.shift()!, recording, holding).finally(() => posting.delete(attempt));
          posting.add(attempt);
        }
        const open = !this.stopping && Date.now() < until;
        const wantMore = open && claimed.length < (concurrency * CLAIMED_AHEAD) / 2;
        if (wantMore && !looking.claim && Date.now() >= looking.againAt) claim();
        if (posting.size === 0 && claimed.length === 0 && !looking.claim && (!open || looking.empty >= LINGER_LOOKS)) break;
        const lookAgain = wantMore && !looking.claim ? pause(looking.againAt - Date.now()) : null;
        await Promise.race([...posting, ...(looking.claim ? [looking.claim] : []), ...(lookAgain ? [lookAgain.done] : [])]);
        lookAgain?.cancel();
      }
      await Promise.all(recording);
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Settles once the answer is in, never rejecting; its outcome's write joins `recording`, and the
   * delivery leaves `holding` once written. One whose outcome is lost stays pending and goes again.
   */
  private async attempt(
    endpoint: PreparedEndpoint,
    delivery: ClaimedDelivery,
    recording: Set<Promise<void>>,
    holding: Set<string>,
  ): Promise<void> {
    const lost = (error: unknown) =>
      this.logger.warn({ err: error, endpointId: endpoint.id, deliveryId: delivery.id }, 'webhook attempt not recorded; it goes again');
    try {
      const { recorded } = await this.dispatcher.attempt(endpoint, delivery);
      const written: Promise<void> = recorded.catch(lost).finally(() => {
        recording.delete(written);
        holding.delete(delivery.id);
      });
      recording.add(written);
    } catch (error) {
      lost(error);
      holding.delete(delivery.id);
    }
  }

  private async wakeForRetry(workspaceId: WorkspaceId, endpointId: string, jobId: string | undefined): Promise<void> {
    const next = await this.deliveries.nextDueAfterNow(workspaceId, endpointId);
    if (next) await this.producer.wakeAt({ workspaceId, endpointId }, next, jobId);
  }
}

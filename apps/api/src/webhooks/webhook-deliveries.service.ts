import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { TransactionRunner, WebhookEndpointEntity } from '@app/database';
import { WebhookProducer } from '@app/queue';
import {
  AttemptOutcome,
  ClaimedDelivery,
  testEvent,
  webhookBody,
  WebhookDeliveriesRepository,
  WebhookDispatcher,
  WebhookOutboxRepository,
} from '@app/webhooks';
import { WorkspaceId } from '@app/workspace-id';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.dto';
import { DeliveryLogQuery } from './webhook.dto';
import {
  ReplayResponse,
  WebhookAttemptResponse,
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookTestResponse,
} from './webhook-delivery.response';
import { WebhooksService } from './webhooks.service';

/**
 * The delivery log of an endpoint, and the attempts made from the API: a test event, or one
 * delivery again, posted while the caller waits (WEBHOOK_REQUEST_TIMEOUT_MS at most). One that
 * gets no 2xx goes on along the retry schedule in the worker, like any delivery.
 */
@Injectable()
export class WebhookDeliveriesService {
  private readonly logger = new Logger(WebhookDeliveriesService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhooksService,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly outbox: WebhookOutboxRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly transactions: TransactionRunner,
    private readonly producer: WebhookProducer,
  ) {}

  async log(workspaceId: WorkspaceId, endpointId: string, query: DeliveryLogQuery): Promise<WebhookDeliveryListResponse> {
    await this.endpoints.find(workspaceId, endpointId);
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const entries = await this.deliveries.log(workspaceId, endpointId, { status: query.status, after, limit: limit + 1 });
    return toPage(entries, limit, (entry) => encodeTimeCursor(entry.delivery), WebhookDeliveryResponse.from);
  }

  /** A `webhook.test` event for this endpoint alone, whatever types it takes, attempted at once. */
  async test(workspaceId: WorkspaceId, endpointId: string): Promise<WebhookTestResponse> {
    const endpoint = await this.endpoints.find(workspaceId, endpointId);
    const event = testEvent(endpoint);
    const eventId = randomUUID();
    const body = webhookBody(event);
    const deliveryId = await this.transactions.run((manager) =>
      this.outbox.insertLeased(
        manager,
        workspaceId,
        endpointId,
        { id: eventId, workspaceId, type: event.type, body, at: event.at },
        this.config.WEBHOOK_LEASE_MS,
      ),
    );
    const outcome = await this.attempt(workspaceId, endpoint, { id: deliveryId, eventId, type: event.type, body, attempts: 0 });
    return {
      deliveryId,
      eventId,
      status: outcome.status,
      attempt: WebhookAttemptResponse.from(outcome),
      nextAttemptAt: outcome.nextAttemptAt,
    };
  }

  /** One more attempt now; answers the delivery with all its attempts. */
  async retry(workspaceId: WorkspaceId, endpointId: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.endpoints.find(workspaceId, endpointId);
    const taken = await this.deliveries.takeNow(workspaceId, endpointId, deliveryId, this.config.WEBHOOK_LEASE_MS);
    if (taken === null) throw new NotFoundException(`Delivery ${deliveryId} not found`);
    if (taken === 'held') throw new ConflictException(`Delivery ${deliveryId} is being attempted right now; look again in a few seconds`);
    await this.attempt(workspaceId, endpoint, taken);
    return WebhookDeliveryResponse.from((await this.deliveries.findEntry(workspaceId, endpointId, deliveryId))!);
  }

  async replay(workspaceId: WorkspaceId, endpointId: string, since: Date): Promise<ReplayResponse> {
    await this.endpoints.find(workspaceId, endpointId);
    const replayed = await this.deliveries.replayFailed(workspaceId, endpointId, since);
    if (replayed > 0) await this.producer.wake([{ workspaceId, endpointId }]);
    return { replayed };
  }

  /** The worker is woken for the next retry; if Redis is away, the reconciler finds the delivery once it is due. */
  private async attempt(workspaceId: WorkspaceId, endpoint: WebhookEndpointEntity, delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const { outcome, recorded } = await this.dispatcher.attempt(this.dispatcher.prepare(endpoint), delivery);
    await recorded;
    if (outcome.nextAttemptAt) {
      await this.producer
        .wakeAt({ workspaceId, endpointId: endpoint.id }, outcome.nextAttemptAt)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, endpointId: endpoint.id }, 'could not schedule the retry; the reconciler will'),
        );
    }
    return outcome;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@app/database';
import { WebhookProducer, WebhookTarget } from '@app/queue';
import { WebhookEvent, webhookBody } from './webhook-events';
import { WebhookOutboxRepository } from './webhook-outbox.repository';
import { WebhookSubscriptions } from './webhook-subscriptions';

/** Hands events to the outbox inside a transaction of its caller. */
export type EmitWebhook = (event: WebhookEvent) => void;

/**
 * Webhook events enter here, in the transaction of the state change that causes them, so an
 * event exists exactly when its change does. Once the transaction commits, the worker is woken
 * for the endpoints that got deliveries; if that fails (Redis away) the reconciler finds them.
 */
@Injectable()
export class WebhookOutbox {
  private readonly logger = new Logger(WebhookOutbox.name);

  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly outbox: WebhookOutboxRepository,
    private readonly producer: WebhookProducer,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The events an enabled endpoint of their workspace takes: for a workspace without webhooks, none, and no query. */
  wanted(events: WebhookEvent[]): Promise<WebhookEvent[]> {
    return this.subscriptions.filter(events);
  }

  /** Writes wanted events in `manager`'s transaction; answers the endpoints to wake once it commits. */
  write(manager: EntityManager, events: WebhookEvent[]): Promise<WebhookTarget[]> {
    return this.outbox.insert(
      manager,
      events.map((event) => ({
        id: randomUUID(),
        workspaceId: event.workspaceId,
        type: event.type,
        body: webhookBody(event),
        at: event.at,
      })),
    );
  }

  /** After the commit; never throws. */
  wake(targets: WebhookTarget[]): void {
    if (targets.length === 0) return;
    this.producer
      .wake(targets)
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not wake the webhook worker; the reconciler will find the deliveries'),
      );
  }

  /**
   * For state changes made one at a time (a broadcast paused, an integration's status): runs
   * `work` in a transaction, writes what it emitted in that transaction, wakes after the commit.
   */
  async run<T>(work: (manager: EntityManager, emit: EmitWebhook) => Promise<T>): Promise<T> {
    const { result, targets } = await this.transactions.run(async (manager) => {
      const emitted: WebhookEvent[] = [];
      const result = await work(manager, (event) => emitted.push(event));
      const wanted = emitted.length === 0 ? [] : await this.wanted(emitted);
      return { result, targets: wanted.length === 0 ? [] : await this.write(manager, wanted) };
    });
    this.wake(targets);
    return result;
  }
}

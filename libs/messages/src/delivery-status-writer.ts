import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Batcher, ResultBatch } from '@app/batching';
import { isRefusedValue } from '@app/database';
import type { MessageEventType, MessageType } from '@app/database';
import { WebhookEvent, WebhookOutbox } from '@app/webhooks';
import { DeliveryStatusRepository, DeliveryUpdate } from './delivery-status.repository';
import { MessageCountsBatch } from './message-counts-batch';
import type { NewMessageEvent } from './message-event-rows';

export interface DeliveryStatusChange extends DeliveryUpdate {
  /** The message's type: the overview counts its sent and failed events per type. */
  messageType: MessageType;
  /** An event of the message, dated when the change is made (not when its batch is written). */
  event?: { type: MessageEventType; detail: string | null };
  /** What the change tells the workspace's webhook endpoints; written only if one of them takes its type. */
  webhook?: WebhookEvent;
}

/** All changes of one message in a batch: their updates merged, their events and webhooks in order. */
interface PendingChange {
  update: DeliveryStatusChange;
  events: NewMessageEvent[];
  webhooks: WebhookEvent[];
}

function countsOf(changes: PendingChange[]): MessageCountsBatch {
  const counts = new MessageCountsBatch();
  for (const { update, events } of changes) {
    for (const event of events) counts.add(update.workspaceId, update.messageType, event.type, event.at!);
  }
  return counts;
}

const MAX_BATCH = 500;
const LINGER_MS = 5;

function merge(earlier: PendingChange, later: PendingChange): PendingChange {
  const attemptsAdded = (earlier.update.attemptsAdded ?? 0) + (later.update.attemptsAdded ?? 0);
  earlier.update = { ...earlier.update, ...later.update, attemptsAdded };
  earlier.events.push(...later.events);
  earlier.webhooks.push(...later.webhooks);
  return earlier;
}

/**
 * Group commit for the worker's hot path: status changes and events of many deliveries are
 * written in one transaction of two statements. Each caller awaits the batch that holds its
 * change, so a job completes only after its outcome is in Postgres. Successive changes of one
 * message inside a batch are merged (a fast `sending` → `sent` costs one row update). A full
 * batch still waits for the timers, so the changes the current turn makes join it; batches are
 * written in order, so a later change of a message never lands before an earlier one.
 */
@Injectable()
export class DeliveryStatusWriter implements OnApplicationShutdown {
  private readonly batcher = new Batcher<PendingChange, Promise<void>>(
    () => new ResultBatch((changes) => this.writeBatch(changes), { key: (change) => change.update.messageId, merge }),
    { linger: LINGER_MS, maxSize: MAX_BATCH, fullDelayMs: 0, inOrder: true },
  );

  constructor(
    private readonly statuses: DeliveryStatusRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  write(change: DeliveryStatusChange): Promise<void> {
    const { event, workspaceId, messageId, webhook } = change;
    // Named fields, not a spread of `event`: V8 copies a spread followed by more fields many times
    // slower (docs/BENCHMARKS.md, "Measured once").
    const events = event ? [{ type: event.type, detail: event.detail, at: new Date(), workspaceId, messageId }] : [];
    return this.batcher.add({ update: change, events, webhooks: webhook ? [webhook] : [] });
  }

  private async writeBatch(changes: PendingChange[]): Promise<Array<void | Promise<void>>> {
    try {
      const webhooks = changes.some((change) => change.webhooks.length > 0)
        ? await this.outbox.wanted(changes.flatMap((change) => change.webhooks))
        : [];
      const targets = await this.statuses.write(
        changes.map((change) => change.update),
        changes.flatMap((change) => change.events),
        countsOf(changes).increments(),
        webhooks,
      );
      this.outbox.wake(targets);
      return changes.map(() => undefined);
    } catch (error) {
      if (changes.length === 1 || !isRefusedValue(error)) throw error;
      // One refused value must not fail the changes batched with it: each is written on its own, one after another.
      let previous: Promise<unknown> = Promise.resolve();
      return changes.map((change) => {
        const written = previous.then(() => this.writeBatch([change])).then(() => undefined);
        previous = written.catch(() => undefined);
        return written;
      });
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.batcher.drain();
  }
}

import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { MessageType } from '@app/database';
import { deliveryQueueFor, JobName, JobPayloads } from './job-contracts';
import { QueueName } from './queue-names';

export const DELIVERY_QUEUES_TOKEN = Symbol('delivery queues');
export type DeliveryQueues = Map<QueueName, Queue>;

export interface DeliveryRequest {
  workspaceId: string;
  messageId: string;
  type: MessageType;
}

/**
 * Enqueues deliveries. The job id is the message id, so enqueuing the same message twice (a
 * retried request, the outbox reconciler) never makes two jobs while one exists.
 */
@Injectable()
export class DeliveryProducer implements OnModuleDestroy {
  constructor(@Inject(DELIVERY_QUEUES_TOKEN) private readonly queues: DeliveryQueues) {}

  async enqueue(requests: DeliveryRequest[], delayMs = 0): Promise<void> {
    const byQueue = new Map<QueueName, DeliveryRequest[]>();
    for (const request of requests) {
      const queue = deliveryQueueFor(request.type);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), request]);
    }
    await Promise.all(
      [...byQueue].map(([name, batch]) =>
        this.queues.get(name)!.addBulk(
          batch.map((request) => ({
            name: JobName.DeliverMessage,
            data: { workspaceId: request.workspaceId, messageId: request.messageId } satisfies JobPayloads[JobName.DeliverMessage],
            opts: { jobId: request.messageId, delay: delayMs, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
          })),
        ),
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

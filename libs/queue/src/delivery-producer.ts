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
  /** Run no sooner than this many milliseconds from now. */
  delayMs?: number;
}

// A Redis round trip per job would cap a fan-out near Redis's own job rate; one job per this
// many recipients keeps Redis out of the way while each job stays a few seconds of sending.
const RECIPIENTS_PER_JOB = 100;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/**
 * Enqueues deliveries. A single message's job id is the message id, so enqueuing the same
 * message twice (a retried request, the outbox reconciler) never makes two jobs while one
 * exists. A broadcast's recipients travel in slices instead; their delivery claims each message
 * in Postgres first, so a message reached both ways is still sent once.
 */
@Injectable()
export class DeliveryProducer implements OnModuleDestroy {
  constructor(@Inject(DELIVERY_QUEUES_TOKEN) private readonly queues: DeliveryQueues) {}

  async enqueue(requests: DeliveryRequest[]): Promise<void> {
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
            opts: { jobId: request.messageId, delay: request.delayMs ?? 0, removeOnComplete: true, removeOnFail: { age: KEEP_FAILED_SECONDS } },
          })),
        ),
      ),
    );
  }

  async enqueueBroadcastRecipients(workspaceId: string, broadcastId: string, messageIds: string[]): Promise<void> {
    const jobs = [];
    for (let start = 0; start < messageIds.length; start += RECIPIENTS_PER_JOB) {
      const data: JobPayloads[JobName.DeliverBroadcastRecipients] = { workspaceId, broadcastId, messageIds: messageIds.slice(start, start + RECIPIENTS_PER_JOB) };
      jobs.push({ name: JobName.DeliverBroadcastRecipients, data, opts: { removeOnComplete: true, removeOnFail: { age: KEEP_FAILED_SECONDS } } });
    }
    if (jobs.length > 0) await this.queues.get(deliveryQueueFor('marketing'))!.addBulk(jobs);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

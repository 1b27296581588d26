import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import type { MessageType } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';
import { FairShare } from './fair-share';
import { deliveryQueueFor, JobName, JobPayloads } from './job-contracts';
import { ProducerConnection } from './queue-connection';
import { QueueName } from './queue-names';

export const DELIVERY_QUEUES_TOKEN = Symbol('delivery queues');
export type DeliveryQueues = Map<QueueName, Queue>;

export interface DeliveryRequest {
  workspaceId: WorkspaceId;
  messageId: string;
  type: MessageType;
  /** Run no sooner than this many milliseconds from now. */
  delayMs?: number;
}

// A Redis round trip per job would cap a fan-out near Redis's own job rate; one job per this
// many recipients keeps Redis out of the way while each job stays a few seconds of sending.
const RECIPIENTS_PER_JOB = 100;
// A broadcast's slice numbers outlive its sending by far; the counter goes away on its own.
const SLICE_COUNTER_TTL_MS = 30 * 24 * 3600 * 1000;

export interface BroadcastSliceTarget {
  workspaceId: WorkspaceId;
  broadcastId: string;
  integrationId: string;
}

/**
 * Enqueues deliveries. A single message's job id is the message id, so enqueuing the same
 * message twice (a retried request, the outbox reconciler) never makes two jobs while one
 * exists; a job that failed for good is removed, so the next enqueue makes a new one. A broadcast's recipients travel in slices instead, numbered per broadcast (a counter
 * in Redis, beside the jobs it counts); their delivery claims each message in Postgres first,
 * so a message reached both ways is still sent once.
 */
@Injectable()
export class DeliveryProducer implements OnModuleDestroy {
  constructor(
    @Inject(DELIVERY_QUEUES_TOKEN) private readonly queues: DeliveryQueues,
    private readonly connection: ProducerConnection,
    private readonly fairShare: FairShare,
    private readonly config: AppConfig,
  ) {}

  /** `again`: the messages were enqueued before and their jobs most likely still exist (the outbox reconciler). */
  async enqueue(requests: DeliveryRequest[], again = false): Promise<void> {
    const byQueue = new Map<QueueName, DeliveryRequest[]>();
    for (const request of requests) {
      const queue = deliveryQueueFor(request.type);
      const batch = byQueue.get(queue);
      if (batch) batch.push(request);
      else byQueue.set(queue, [request]);
    }
    await Promise.all(
      [...byQueue].map(async ([name, batch]) => {
        const tickets = await this.fairShare.tickets(
          name,
          batch.map((request) => ({ workspaceId: request.workspaceId, weight: 1 })),
          !again,
        );
        await this.queues.get(name)!.addBulk(
          batch.map((request, index) => ({
            name: JobName.DeliverMessage,
            data: {
              workspaceId: request.workspaceId,
              messageId: request.messageId,
              seq: tickets[index]!.seq,
            } satisfies JobPayloads[JobName.DeliverMessage],
            opts: { ...this.jobOptions(), jobId: request.messageId, delay: request.delayMs ?? 0, priority: tickets[index]!.priority },
          })),
        );
      }),
    );
  }

  async enqueueBroadcastRecipients(target: BroadcastSliceTarget, messageIds: string[]): Promise<void> {
    const slices = Math.ceil(messageIds.length / RECIPIENTS_PER_JOB);
    if (slices === 0) return;
    const counter = this.sliceCounter(target.broadcastId);
    const [[error, last]] = (await this.connection.redis.multi().incrby(counter, slices).pexpire(counter, SLICE_COUNTER_TTL_MS).exec()) as [
      [Error | null, number],
    ];
    if (error) throw error;
    const members = Array.from({ length: slices }, (_, index) =>
      messageIds.slice(index * RECIPIENTS_PER_JOB, (index + 1) * RECIPIENTS_PER_JOB),
    );
    const tickets = await this.fairShare.tickets(
      deliveryQueueFor('marketing'),
      members.map((ids) => ({ workspaceId: target.workspaceId, weight: ids.length })),
    );
    const jobs = members.map((ids, index) => {
      const data: JobPayloads[JobName.DeliverBroadcastRecipients] = { ...target, messageIds: ids, seq: tickets[index]!.seq };
      const jobId = sliceJobId(target.broadcastId, last - slices + index);
      return { name: JobName.DeliverBroadcastRecipients, data, opts: { ...this.jobOptions(), jobId, priority: tickets[index]!.priority } };
    });
    await this.marketingQueue().addBulk(jobs);
  }

  /**
   * Whether any slice of the broadcast is still waiting, delayed or running. Newest first: while
   * a broadcast is being delivered the first one looked at usually answers.
   */
  async hasPendingSlices(broadcastId: string): Promise<boolean> {
    const count = Number(await this.connection.redis.get(this.sliceCounter(broadcastId)));
    const queue = this.marketingQueue();
    for (let number = count - 1; number >= 0; number--) {
      if ((await queue.getJobState(sliceJobId(broadcastId, number))) !== 'unknown') return true;
    }
    return false;
  }

  /**
   * A job that throws (Postgres or Redis away) runs again with backoff. One that failed for good is
   * removed: kept under the message's id it would turn every later enqueue of that message into a
   * no-op, while the message row is the record and the outbox reconciler enqueues it again.
   */
  private jobOptions() {
    return {
      attempts: this.config.DELIVERY_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.DELIVERY_JOB_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  private marketingQueue(): Queue {
    return this.queues.get(deliveryQueueFor('marketing'))!;
  }

  private sliceCounter(broadcastId: string): string {
    return `${this.config.REDIS_PREFIX}:broadcast-slices:${broadcastId}`;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

function sliceJobId(broadcastId: string, number: number): string {
  return `${broadcastId}-slice-${number}`;
}

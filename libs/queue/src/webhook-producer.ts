import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Batcher, ResultBatch } from '@app/batching';
import { AppConfig } from '@app/config';
import type { WorkspaceId } from '@app/workspace-id';
import { JobName, JobPayloads } from './job-contracts';
import { ProducerConnection } from './queue-connection';
import { QueueName } from './queue-names';

export interface WebhookTarget {
  workspaceId: WorkspaceId;
  endpointId: string;
}

const JOB_ATTEMPTS = 5;
// Retries due within one slot share one wake-up.
const WAKE_SLOT_MS = 100;
/**
 * Wake-ups to run now wait this long for others to join them: status batches, a few messages
 * each, commit every few milliseconds while mail flows, and a BullMQ add for each cost the
 * sending process about as much as the rest of the outbox (docs/BENCHMARKS.md, "Measured once").
 */
const WAKE_LINGER_MS = 50;

/**
 * Wakes the worker for endpoints that have deliveries due: a job names an endpoint only, and the
 * worker claims what is due in Postgres. Wake-ups to run now are deduplicated per endpoint while
 * one waits; one arriving while the endpoint's job runs is kept and runs after it (BullMQ's
 * keepLastIfActive), since the running job may have looked past the delivery that asked. So a
 * burst of events wakes an endpoint once or twice, not once per batch that wrote them. Delayed
 * ones (the next retry) share an id per endpoint and tenth of a second, so a thousand retries due
 * together wake it once. Wake-ups asked for within WAKE_LINGER_MS of each other go to Redis together.
 */
@Injectable()
export class WebhookProducer implements OnModuleDestroy {
  private readonly queue: Queue;
  private readonly wakes = new Batcher<WebhookTarget, Promise<void>>(
    () => new ResultBatch((targets) => this.wakeNow(targets), { key: (target) => target.endpointId, merge: (earlier) => earlier }),
    { linger: WAKE_LINGER_MS },
  );

  constructor(config: AppConfig, connection: ProducerConnection) {
    this.queue = connection.queue(QueueName.Webhooks, config);
  }

  /** Resolves once the wake-up is in Redis, WAKE_LINGER_MS at most after it was asked for, with the others asked for meanwhile. */
  async wake(targets: WebhookTarget[]): Promise<void> {
    await Promise.all(targets.map((target) => this.wakes.add(target)));
  }

  private async wakeNow(targets: WebhookTarget[]): Promise<void[]> {
    await this.queue.addBulk(
      targets.map((target) => ({
        name: JobName.DeliverWebhooks,
        data: this.payload(target),
        opts: { ...this.options(), deduplication: { id: `wake-now-${target.endpointId}`, keepLastIfActive: true } },
      })),
    );
    return targets.map(() => undefined);
  }

  /**
   * Wakes the endpoint when its next delivery is due. `runningJobId`: the job asking, which may
   * hold the id this wake-up would get (a retry due within the second it was woken for); that one
   * is about to finish, so the wake-up gets an id of its own instead of being swallowed by it.
   */
  async wakeAt(target: WebhookTarget, at: Date, runningJobId?: string): Promise<void> {
    const delay = at.getTime() - Date.now();
    if (delay <= 0) return this.wake([target]);
    const slot = Math.ceil(at.getTime() / WAKE_SLOT_MS);
    const jobId = `wake-${target.endpointId}-${slot}`;
    await this.queue.add(JobName.DeliverWebhooks, this.payload(target), {
      ...this.options(),
      ...(jobId === runningJobId ? {} : { jobId }),
      delay: slot * WAKE_SLOT_MS - Date.now(),
    });
  }

  private payload(target: WebhookTarget): JobPayloads[JobName.DeliverWebhooks] {
    return { workspaceId: target.workspaceId, endpointId: target.endpointId };
  }

  /** A job that throws (Postgres away) runs again; one that failed for good leaves its deliveries to the reconciler. */
  private options() {
    return { attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true };
  }

  async onModuleDestroy(): Promise<void> {
    await this.wakes.drain();
    await this.queue.close();
  }
}

import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import type { WorkspaceId } from '@app/workspace-id';
import { ProducerConnection } from './queue-connection';
import { JobName, JobPayloads } from './job-contracts';
import { QueueName } from './queue-names';

/**
 * Starts (or resumes) a broadcast's fan-out. One job id per broadcast: pressing "resume" twice,
 * or resuming while a fan-out is still waiting to start, does not fan out twice.
 */
@Injectable()
export class BroadcastProducer implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(config: AppConfig, connection: ProducerConnection) {
    this.queue = connection.queue(QueueName.Broadcasts, config);
  }

  async fanOut(workspaceId: WorkspaceId, broadcastId: string, delayMs = 0): Promise<void> {
    const data: JobPayloads[JobName.FanOutBroadcast] = { workspaceId, broadcastId };
    await this.queue.add(JobName.FanOutBroadcast, data, {
      jobId: `fan-out-${broadcastId}`,
      delay: Math.max(0, delayMs),
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

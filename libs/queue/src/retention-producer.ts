import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import type { WorkspaceId } from '@app/workspace-id';
import { JobName, JobPayloads } from './job-contracts';
import { ProducerConnection } from './queue-connection';
import { QueueName } from './queue-names';

/** Starts the erasure of a recipient. One job id per erasure: asking twice erases once. */
@Injectable()
export class RetentionProducer implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(config: AppConfig, connection: ProducerConnection) {
    this.queue = connection.queue(QueueName.Retention, config);
  }

  async eraseRecipient(workspaceId: WorkspaceId, erasureId: string): Promise<void> {
    const data: JobPayloads[JobName.EraseRecipient] = { workspaceId, erasureId };
    await this.queue.add(JobName.EraseRecipient, data, {
      jobId: `erase-${erasureId}`,
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

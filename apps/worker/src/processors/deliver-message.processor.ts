import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { FairShare, JobName, JobPayloads, QueueName } from '@app/queue';
import { DeliveryService } from '../delivery/delivery.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class DeliverMessageProcessor implements JobProcessor<JobName.DeliverMessage> {
  readonly jobName = JobName.DeliverMessage;

  constructor(
    private readonly delivery: DeliveryService,
    private readonly fairShare: FairShare,
  ) {}

  process(job: Job<JobPayloads[JobName.DeliverMessage]>) {
    this.fairShare.started(job.queueName as QueueName, job.data.workspaceId, job.data.seq);
    return this.delivery.deliver(job.data, job.attemptsMade > 0);
  }
}

import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { FairShare, JobName, JobPayloads, QueueName } from '@app/queue';
import { BroadcastSliceDelivery } from '../delivery/broadcast-slice-delivery.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class DeliverBroadcastRecipientsProcessor implements JobProcessor<JobName.DeliverBroadcastRecipients> {
  readonly jobName = JobName.DeliverBroadcastRecipients;

  constructor(
    private readonly slices: BroadcastSliceDelivery,
    private readonly fairShare: FairShare,
  ) {}

  process(job: Job<JobPayloads[JobName.DeliverBroadcastRecipients]>) {
    this.fairShare.started(job.queueName as QueueName, job.data.workspaceId, job.data.seq);
    return this.slices.deliver(job.data);
  }
}

import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from '@app/queue';
import { BroadcastSliceDelivery } from '../delivery/broadcast-slice-delivery.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class DeliverBroadcastRecipientsProcessor implements JobProcessor<JobName.DeliverBroadcastRecipients> {
  readonly jobName = JobName.DeliverBroadcastRecipients;

  constructor(private readonly slices: BroadcastSliceDelivery) {}

  process(job: Job<JobPayloads[JobName.DeliverBroadcastRecipients]>) {
    return this.slices.deliver(job.data);
  }
}

import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from '@app/queue';
import { DeliveryService } from '../delivery/delivery.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class DeliverMessageProcessor implements JobProcessor<JobName.DeliverMessage> {
  readonly jobName = JobName.DeliverMessage;

  constructor(private readonly delivery: DeliveryService) {}

  process(job: Job<JobPayloads[JobName.DeliverMessage]>) {
    return this.delivery.deliver(job.data, job.attemptsMade > 0);
  }
}

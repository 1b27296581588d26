import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from '@app/queue';
import { WebhookEndpointDelivery } from '../webhooks/webhook-endpoint-delivery.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class DeliverWebhooksProcessor implements JobProcessor<JobName.DeliverWebhooks> {
  readonly jobName = JobName.DeliverWebhooks;

  constructor(private readonly delivery: WebhookEndpointDelivery) {}

  async process(job: Job<JobPayloads[JobName.DeliverWebhooks]>) {
    await this.delivery.deliver(job.data, job.id);
  }
}

import { Injectable } from '@nestjs/common';
import { JobName } from '@app/queue';
import { WebhookReconciler } from '../webhooks/webhook-reconciler.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class ReconcileWebhooksProcessor implements JobProcessor<JobName.ReconcileWebhooks> {
  readonly jobName = JobName.ReconcileWebhooks;

  constructor(private readonly reconciler: WebhookReconciler) {}

  async process() {
    await this.reconciler.reconcile();
  }
}

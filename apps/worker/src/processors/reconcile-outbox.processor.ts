import { Injectable } from '@nestjs/common';
import { JobName } from '@app/queue';
import { OutboxReconciler } from '../outbox/outbox-reconciler.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class ReconcileOutboxProcessor implements JobProcessor<JobName.ReconcileOutbox> {
  readonly jobName = JobName.ReconcileOutbox;

  constructor(private readonly reconciler: OutboxReconciler) {}

  async process() {
    await this.reconciler.reconcile();
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { WebhookProducer } from '@app/queue';
import { WebhookDeliveriesRepository } from '@app/webhooks';

/**
 * Postgres holds every delivery, so nothing depends on a wake-up job surviving: endpoints with
 * deliveries due for a while that nobody holds (Redis lost the job, the worker holding them
 * died and its lease ran out) are woken again.
 */
@Injectable()
export class WebhookReconciler {
  private readonly logger = new Logger(WebhookReconciler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly producer: WebhookProducer,
  ) {}

  async reconcile(): Promise<number> {
    const graceMs = Math.max(1000, Math.floor(this.config.OUTBOX_RECONCILE_INTERVAL_MS / 2));
    const stranded = await this.deliveries.stranded(graceMs);
    await this.producer.wake(stranded);
    if (stranded.length > 0) this.logger.log({ endpoints: stranded.length }, 'webhook deliveries reconciled');
    return stranded.length;
  }
}

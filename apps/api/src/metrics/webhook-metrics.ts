import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { ATTEMPT_RESULTS, WebhookDeliveriesRepository, WebhookDeliveryCounts } from '@app/webhooks';
import { MetricsRegistry } from './metrics.registry';

/**
 * Webhook delivery, deployment-wide: workers serve no HTTP, so what they count is read at each
 * scrape from Redis (attempts by outcome) and Postgres (what waits). A scrape while either is
 * away keeps the last values rather than failing.
 */
@Injectable()
export class WebhookMetrics {
  private readonly logger = new Logger(WebhookMetrics.name);

  constructor(registry: MetricsRegistry, counts: WebhookDeliveryCounts, deliveries: WebhookDeliveriesRepository) {
    const read =
      <T>(what: string, load: () => Promise<T>, apply: (value: T) => void) =>
      async () => {
        try {
          apply(await load());
        } catch (error) {
          this.logger.warn({ err: error }, `${what} not read for the metrics`);
        }
      };
    const attempts: Counter<'outcome'> = new Counter({
      name: 'mailroom_webhook_attempts_total',
      help: 'Webhook delivery attempts by what they made of their delivery: delivered, retrying (no 2xx, retried later), failed (no 2xx, schedule over)',
      labelNames: ['outcome'] as const,
      registers: [registry],
      collect: read(
        'webhook attempt counts',
        () => counts.read(),
        (counted) => {
          attempts.reset();
          for (const outcome of ATTEMPT_RESULTS) attempts.inc({ outcome }, counted[outcome]);
        },
      ),
    });
    const pending: Gauge = new Gauge({
      name: 'mailroom_webhook_deliveries_pending',
      help: 'Webhook deliveries not delivered or failed yet, due now or later',
      registers: [registry],
      collect: read(
        'pending webhook deliveries',
        () => deliveries.queue(),
        (queue) => pending.set(queue.pending),
      ),
    });
    const age: Gauge = new Gauge({
      name: 'mailroom_webhook_queue_age_seconds',
      help: 'How long the oldest webhook delivery that is due has been waiting (0 when none is)',
      registers: [registry],
      collect: read(
        'webhook queue age',
        () => deliveries.queue(),
        (queue) => age.set(queue.oldestDueAt ? Math.max(0, (Date.now() - queue.oldestDueAt.getTime()) / 1000) : 0),
      ),
    });
  }
}

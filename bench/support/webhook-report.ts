import { PLAN, TARGETS } from '../plan';
import type { BenchResults } from '../results';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number) => value.toFixed(digits);
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** The rows of (w) in the results table: scenario, messages, time, throughput, latency. */
export function webhookRows({ webhooks: w }: BenchResults): string[][] {
  const { events, concurrency } = PLAN.webhooks;
  return [
    [
      '(w1) (c) again with a webhook endpoint taking every message.sent',
      whole(w.mailWithWebhooks.messages),
      `${fixed(w.mailWithWebhooks.seconds, 2)} s (accepted in ${fixed(w.mailWithWebhooks.acceptSeconds, 2)} s)`,
      `${whole(w.mailWithWebhooks.perSecond)} msg/s`,
      '',
    ],
    [
      `(w2) ${whole(events)} message.sent bodies, bare node:http loop → receiver (${concurrency} in flight)`,
      whole(w.bare.messages),
      `${fixed(w.bare.seconds, 2)} s`,
      `${whole(w.bare.perSecond)} req/s`,
      '',
    ],
    [
      `(w2) the same webhooks from the outbox, Mailroom's worker → receiver (${concurrency} in flight), delivered in Postgres`,
      whole(w.mailroom.messages),
      `${fixed(w.mailroom.seconds, 2)} s`,
      `${whole(w.mailroom.perSecond)} req/s`,
      '',
    ],
  ];
}

export function webhookTargetRows(r: BenchResults): string[][] {
  const vsBare = r.webhooks.mailroom.perSecond / r.webhooks.bare.perSecond;
  const withWebhooks = r.webhooks.mailWithWebhooks.perSecond / r.pooled.perSecond;
  const without = r.delivery.perSecond / r.pooled.perSecond;
  return [
    [
      `webhooks ≥ ${percent(TARGETS.webhooksVsBare)} of the bare loop`,
      `${percent(vsBare)} (${whole(r.webhooks.mailroom.perSecond)} / ${whole(r.webhooks.bare.perSecond)} req/s)`,
      verdict(vsBare >= TARGETS.webhooksVsBare),
    ],
    [
      `c/a with webhooks ≥ ${TARGETS.deliveryWithWebhooksVsWithout} × c/a without`,
      `${fixed(withWebhooks, 2)} against ${fixed(without, 2)}`,
      verdict(withWebhooks >= TARGETS.deliveryWithWebhooksVsWithout * without),
    ],
  ];
}

/** How (w) is measured, for docs/BENCHMARKS.md. */
export function webhookMethod(): string[] {
  const { events, concurrency, warmup } = PLAN.webhooks;
  return [
    '- (w) runs in the Mailroom of (c) (API and worker in one process). The receiver is node:http in its own',
    '  process, reading each body and answering 200. (w1) is (c) once more with an endpoint taking every',
    '  message.sent, delivered while the mail goes. For (w2) the webhook queue is paused (as an operator can),',
    `  ${whole(events)} messages are sent, so ${whole(events)} message.sent webhooks wait in the outbox; their bodies are`,
    `  posted by a bare node:http loop (keep-alive, ${concurrency} in flight, after ${whole(warmup)} to warm up), then the queue is`,
    `  resumed: the clock runs until the receiver has them all and Postgres shows every one delivered (asked once`,
    `  the receiver has them all). Mailroom`,
    `  signs each (Standard Webhooks, HMAC-SHA256), posts it with at most WEBHOOK_ENDPOINT_CONCURRENCY (${concurrency}) in flight and`,
    '  records each attempt.',
  ];
}

import { PLAN, TARGETS } from '../plan';
import type { BenchResults, DeliveryThroughput } from '../results';
import type { CpuPerMessage } from './process-cpu';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number) => value.toFixed(digits);
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** The rows of (w) in the results table: scenario, messages, time, throughput, latency. */
export function webhookRows({ webhooks: w }: BenchResults): string[][] {
  const { turns, events, concurrency } = PLAN.webhooks;
  const mail = (label: string, run: DeliveryThroughput) => [
    label,
    whole(run.messages),
    `${fixed(run.seconds, 2)} s (accepted in ${fixed(run.acceptSeconds, 2)} s)`,
    `${whole(run.perSecond)} msg/s`,
    '',
  ];
  return [
    mail(`(w1) (c) again, ${turns} runs without webhooks, in turns with the next row's`, w.mailWithout),
    mail(`(w1) (c) again, ${turns} runs with a webhook endpoint taking every message.sent`, w.mailWithWebhooks),
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
  const w = r.webhooks;
  const vsBare = w.mailroom.perSecond / w.bare.perSecond;
  const withVsWithout = w.mailWithWebhooks.perSecond / w.mailWithout.perSecond;
  return [
    [
      `webhooks ≥ ${percent(TARGETS.webhooksVsBare)} of the bare loop`,
      `${percent(vsBare)} (${whole(w.mailroom.perSecond)} / ${whole(w.bare.perSecond)} req/s)`,
      verdict(vsBare >= TARGETS.webhooksVsBare),
    ],
    [
      `(w1) mail with webhooks ≥ ${TARGETS.deliveryWithWebhooksVsWithout} × without`,
      `${fixed(withVsWithout, 2)} × (${whole(w.mailWithWebhooks.perSecond)} / ${whole(w.mailWithout.perSecond)} msg/s)`,
      verdict(withVsWithout >= TARGETS.deliveryWithWebhooksVsWithout),
    ],
  ];
}

export const WEBHOOK_CPU_HEADER = ['(w) CPU, ms', 'Mailroom', 'PostgreSQL', 'SMTP sink', 'receiver', 'together'];

/** Where the CPU of (w) went, per process (columns: WEBHOOK_CPU_HEADER). */
export function webhookCpuRows({ webhooks: { cpu } }: BenchResults): string[][] {
  const row = (label: string, spent: CpuPerMessage) => [
    label,
    ...[spent.mailroom, spent.postgres, spent.sink, spent.receiver, spent.together].map((ms) => fixed(ms, 2)),
  ];
  return [
    row('per message, (w1) without webhooks', cpu.without),
    row('per message, (w1) with webhooks', cpu.withWebhooks),
    row("per webhook, (w2) Mailroom's worker draining the outbox", cpu.perWebhook),
  ];
}

/** How (w) is measured, for docs/BENCHMARKS.md. */
export function webhookMethod(): string[] {
  const { turns, events, concurrency, warmup } = PLAN.webhooks;
  return [
    '- (w) runs in the Mailroom of (c) (API and worker in one process). The receiver is node:http in its own',
    `  process, reading each body and answering 200. (w1) is (c)'s delivery ${turns * 2} times more, in turns: without`,
    '  webhooks, then with an endpoint taking every message.sent (delivered while the mail goes), the one going',
    '  first alternating, since the speed of this machine drifts between runs; each run starts once the last',
    "  one's webhooks are delivered, and its rate is the total over its runs. For (w2) the webhook queue is paused",
    `  (as an operator can), ${whole(events)} messages are sent, so ${whole(events)} message.sent webhooks wait in the outbox; their`,
    `  bodies are posted by a bare node:http loop (keep-alive, ${concurrency} in flight, after ${whole(warmup)} to warm up), then the`,
    '  queue is resumed: the clock runs until the receiver has them all and Postgres shows every one delivered',
    `  (asked once the receiver has them all). Mailroom signs each (Standard Webhooks, HMAC-SHA256), posts it`,
    `  with at most WEBHOOK_ENDPOINT_CONCURRENCY (${concurrency}) in flight and records each attempt.`,
    "- (w)'s CPU is what /proc/<pid>/stat charged to each process over each run (user and system time):",
    '  Mailroom, the sink, the receiver, and PostgreSQL whole (its postmaster, every live child and those that',
    '  exited meanwhile). The bench itself and Redis are not counted. All of them share the same cores, so a',
    "  webhook's CPU, wherever it is spent, is CPU the mail does not get.",
  ];
}

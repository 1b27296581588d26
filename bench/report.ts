import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PLAN, TARGETS } from './plan';
import type { AcceptRate, BenchResults, EndpointRate, FanOut, TrackingLoad } from './results';
import type { Machine } from './support/machine';
import { WEBHOOK_CPU_HEADER, webhookCpuRows, webhookMethod, webhookRows, webhookTargetRows } from './support/webhook-report';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number) => value.toFixed(digits);
const latency = (rate: AcceptRate) => `${whole(rate.p50Ms)} / ${whole(rate.p99Ms)} ms`;
/** A rate is only trustworthy if every answer was a 2xx; say so next to it otherwise. */
const failures = (rate: AcceptRate) =>
  rate.non2xx + rate.errors > 0 ? ` (${rate.non2xx} non-2xx, ${rate.errors} errors: not counted)` : '';
const endpointLatency = (rate: EndpointRate) => `${whole(rate.p50Ms)} / ${whole(rate.p99Ms)} ms`;
const endpointFailures = (rate: EndpointRate) =>
  rate.unexpected + rate.errors > 0 ? ` (${rate.unexpected} other status, ${rate.errors} errors: not counted)` : '';
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const vsBare = (endpoint: TrackingLoad['open']) => endpoint.mailroom.requestsPerSecond / endpoint.bare.requestsPerSecond;
const fanOutRate = (f: FanOut) =>
  `${whole(f.perSecond)} recipients/s` +
  (f.completed ? '' : ` (clock stopped at ${whole(f.recipients)} of ${whole(f.contacts)} after ${fixed(f.seconds, 0)} s)`);

function eventsVerdict(r: TrackingLoad): string {
  if (r.eventsWritten < r.eventsAnswered) return `${whole(r.eventsAnswered - r.eventsWritten)} MISSING`;
  if (r.eventsWritten > r.eventsAnswered + r.eventsCutOff) return `${whole(r.eventsWritten - r.eventsAnswered - r.eventsCutOff)} too many`;
  return 'all written';
}

function trackingRows(r: TrackingLoad): string[][] {
  const { connections, rounds, roundSeconds } = PLAN.tracking;
  const row = (label: string, rate: EndpointRate) => [
    label,
    `${whole(rate.answered)} req`,
    `${rounds} × ${roundSeconds} s`,
    `${whole(rate.requestsPerSecond)} req/s${endpointFailures(rate)}`,
    endpointLatency(rate),
  ];
  return [
    row(`(e1) pixel \`GET /t/o/{token}\`, Mailroom API (${connections} connections, ${r.tokens.open} tokens)`, r.open.mailroom),
    row(`(e1) pixel, bare node:http answering the same bytes`, r.open.bare),
    row(`(e2) click \`GET /t/c/{token}\` → 302, Mailroom API (${connections} connections, ${r.tokens.click} tokens)`, r.click.mailroom),
    row(`(e2) click, bare node:http answering the same bytes`, r.click.bare),
    [
      `(e3) opens + clicks in \`message_events\` afterwards`,
      whole(r.eventsWritten),
      '',
      `${whole(r.eventsAnswered)} answered (+ ≤ ${whole(r.eventsCutOff)} cut off in flight): ${eventsVerdict(r)}`,
      '',
    ],
  ];
}

function fanOutRows(f: FanOut): string[][] {
  return [
    [
      `(f) broadcast fan-out, ${whole(f.contacts)} contacts on one list (worker and API apart)`,
      whole(f.recipients),
      `${fixed(f.seconds, 2)} s (${whole(f.delivered)} delivered meanwhile)`,
      fanOutRate(f),
      '',
    ],
    [`(f) worker memory`, '', '', `peak ${whole(f.workerPeakRssMB)} MB RSS (${whole(f.workerRssBeforeMB)} MB before send)`, ''],
  ];
}

function resultRows(r: BenchResults): string[][] {
  const { pool, pooled, unpooled, delivery, single, batch } = PLAN;
  return [
    [
      `(a) pooled nodemailer → sink (${pool.maxConnections} connections, ${pooled.inFlight} in flight)`,
      whole(r.pooled.messages),
      `${fixed(r.pooled.seconds, 2)} s`,
      `${whole(r.pooled.perSecond)} msg/s`,
      '',
    ],
    [
      `(b) one connection per message → sink (${unpooled.inFlight} in flight)`,
      whole(r.unpooled.messages),
      `${fixed(r.unpooled.seconds, 2)} s`,
      `${whole(r.unpooled.perSecond)} msg/s`,
      '',
    ],
    [
      `(c) Mailroom: HTTP batch (${delivery.perRequest}/request) → delivered at sink + \`sent\` in Postgres`,
      whole(r.delivery.messages),
      `${fixed(r.delivery.seconds, 2)} s (accepted in ${fixed(r.delivery.acceptSeconds, 2)} s)`,
      `${whole(r.delivery.perSecond)} msg/s`,
      '',
    ],
    [
      `(d1) API accept, single send (${single.connections} connections, worker off)`,
      whole(r.single.accepted),
      `${single.seconds} s`,
      `${whole(r.single.requestsPerSecond)} msg/s${failures(r.single)}`,
      latency(r.single),
    ],
    [
      `(d2) API accept, batch of ${batch.perRequest} (${batch.connections} connections, worker off)`,
      whole(r.batch.accepted),
      `${batch.seconds} s`,
      `${whole(r.batch.messagesPerSecond)} msg/s (${whole(r.batch.requestsPerSecond)} req/s)${failures(r.batch)}`,
      latency(r.batch),
    ],
    ...trackingRows(r.tracking),
    ...fanOutRows(r.fanOut),
    ...webhookRows(r),
  ];
}

function targetRows(r: BenchResults): string[][] {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const ca = r.delivery.perSecond / r.pooled.perSecond;
  const cb = r.delivery.perSecond / r.unpooled.perSecond;
  return [
    [`c ≥ ${TARGETS.deliveryVsPooled}·a`, `c/a = ${fixed(ca, 2)}`, verdict(ca >= TARGETS.deliveryVsPooled)],
    [`c ≥ ${TARGETS.deliveryVsUnpooled}·b`, `c/b = ${fixed(cb, 1)}`, verdict(cb >= TARGETS.deliveryVsUnpooled)],
    [
      `single accept ≥ ${whole(TARGETS.singlePerSecond)} msg/s`,
      `${whole(r.single.requestsPerSecond)} msg/s`,
      verdict(r.single.requestsPerSecond >= TARGETS.singlePerSecond),
    ],
    [`single accept p99 < ${TARGETS.singleP99Ms} ms`, `${whole(r.single.p99Ms)} ms`, verdict(r.single.p99Ms < TARGETS.singleP99Ms)],
    [
      `batch accept ≥ ${whole(TARGETS.batchMessagesPerSecond)} msg/s`,
      `${whole(r.batch.messagesPerSecond)} msg/s`,
      verdict(r.batch.messagesPerSecond >= TARGETS.batchMessagesPerSecond),
    ],
    ...(['open', 'click'] as const).flatMap((kind) => {
      const endpoint = r.tracking[kind];
      const name = kind === 'open' ? 'pixel' : 'click';
      return [
        [
          `${name} ≥ ${percent(TARGETS.trackingVsBare)} of bare node:http`,
          `${percent(vsBare(endpoint))} (${whole(endpoint.mailroom.requestsPerSecond)} / ${whole(endpoint.bare.requestsPerSecond)} req/s)`,
          verdict(vsBare(endpoint) >= TARGETS.trackingVsBare),
        ],
        [
          `${name} p99 < ${TARGETS.trackingP99Ms} ms`,
          `${whole(endpoint.mailroom.p99Ms)} ms`,
          verdict(endpoint.mailroom.p99Ms < TARGETS.trackingP99Ms),
        ],
      ];
    }),
    [
      'every answered open and click in `message_events`',
      `${whole(r.tracking.eventsWritten)} for ${whole(r.tracking.eventsAnswered)} answered`,
      verdict(eventsVerdict(r.tracking) === 'all written'),
    ],
    [
      `fan-out ≥ ${whole(TARGETS.fanOutPerSecond)} recipients/s`,
      fanOutRate(r.fanOut),
      verdict(r.fanOut.completed && r.fanOut.perSecond >= TARGETS.fanOutPerSecond),
    ],
    [
      `worker peak RSS < ${TARGETS.fanOutWorkerPeakRssMB} MB`,
      `${whole(r.fanOut.workerPeakRssMB)} MB`,
      verdict(r.fanOut.workerPeakRssMB < TARGETS.fanOutWorkerPeakRssMB),
    ],
    ...webhookTargetRows(r),
  ];
}

/** A Markdown table padded into columns, so the same text reads well in a terminal and in the file. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function tables(results: BenchResults): string {
  return [
    table(['scenario', 'messages', 'time', 'throughput', 'latency p50 / p99'], resultRows(results)),
    '',
    table(['target', 'measured', ''], targetRows(results)),
    '',
    table(WEBHOOK_CPU_HEADER, webhookCpuRows(results)),
  ].join('\n');
}

export function machineLines(machine: Machine): string[] {
  return [
    `- CPU: ${machine.cores} cores, ${machine.cpuModel}`,
    `- Memory: ${fixed(machine.memoryGiB, 1)} GiB`,
    `- Node ${machine.node}, Linux ${machine.kernel}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    `- Load average when the run started: ${machine.loadAverage.map((load) => fixed(load, 2)).join(', ')} (1, 5, 15 min)` +
      (machine.loadAverage[0]! > machine.cores / 2 ? ': the machine was busy, expect lower numbers than on an idle one' : ''),
  ];
}

export function printReport(results: BenchResults, machine: Machine): void {
  console.log(['', ...machineLines(machine), '', tables(results), ''].join('\n'));
}

/**
 * The file's last section is written by hand: figures measured once, outside this bench, that
 * comments in the code point to instead of quoting them. A run keeps it as it is.
 */
const MEASURED_ONCE = '## Measured once';

function measuredOnce(path: string): string[] {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = existing.indexOf(`\n${MEASURED_ONCE}\n`);
  return at < 0 ? [] : [existing.slice(at + 1).trimEnd(), ''];
}

export function writeReport(path: string, results: BenchResults, machine: Machine, date: Date): void {
  const { pooled, delivery, batch, tracking, fanOut } = PLAN;
  const text = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`bench/run.ts\`) on ${date.toISOString()}; every run replaces this file but its last section, \`${MEASURED_ONCE.slice(3)}\`, which is written by hand.`,
    '',
    '## Machine',
    '',
    ...machineLines(machine),
    '',
    'Everything ran on this one machine over loopback: the bench and load generator, the SMTP sink,',
    'Mailroom, PostgreSQL and Redis share the cores above.',
    '',
    '## Results',
    '',
    tables(results),
    '',
    '## How it is measured',
    '',
    '- The sink is a minimal smtp-server in its own process (no TLS, no AUTH, answers 250 and counts).',
    '  smtp-server waits ~100 ms before its greeting, so (b), which connects once per message, is',
    '  capped near in-flight ÷ 0.1 s; that is the cost pooling avoids.',
    `- (a) and (c) use the same pool settings (connections, ${PLAN.pool.maxMessagesPerConnection} messages per connection),`,
    `  so c/a is Mailroom's own overhead. Both warm up first (${pooled.warmup} and ${delivery.warmup} messages) to open the pool.`,
    '- (c) runs the built app (`dist/apps/mailroom/src/main.js`, `MAILROOM_ROLE=all`, `LOG_LEVEL=warn`) on a fresh',
    '  database; its clock stops when the sink has every message and PostgreSQL shows every one `sent`',
    '  (the sink polled every 20 ms; PostgreSQL asked only once the sink has them all, so that its count does',
    `  not load the system measured). Batches of ${delivery.perRequest}, ${delivery.requestsInFlight} requests in flight.`,
    '- (d) runs the same build with `MAILROOM_ROLE=api`: no worker competes for the cores and accepted',
    `  messages stay queued. autocannon, warm-up run first; batch requests carry ${batch.perRequest} messages.`,
    `- (e) ${tracking.messages} tracked mails (two links each) are sent through Mailroom while it runs as in (c); the`,
    '  `/t/o/…` and `/t/c/…` URLs are read out of the HTML the sink received (the sink keeps its last 20',
    '  messages whole). Their answers from Mailroom (`MAILROOM_ROLE=api`, as in (d)) are recorded and',
    '  replayed, status, headers and body, by a bare `node:http` server in its own process that does',
    '  nothing else (no framework, no token check, no event); the bench checks both answer identically.',
    `  Both get the same autocannon load: ${tracking.connections} connections, every connection cycling through all`,
    '  tokens, a Safari User-Agent (so Mailroom counts human opens and clicks). After a',
    `  ${tracking.warmupSeconds} s warm-up each, they take turns in ${tracking.rounds} rounds of ${tracking.roundSeconds} s, the one going first alternating, because`,
    "  this machine's speed drifts by tens of percent between runs; rates are totals over the rounds,",
    "  p50 the middle round's, p99 the worst round's (whole milliseconds). Only 200 (pixel) or 302",
    '  (click) answers count. autocannon runs in the bench process, on the same cores. (e3) counts the',
    '  open and click rows of those messages in `message_events` once the writer has caught up (at most',
    '  10 s), against every open and click Mailroom answered (warm-ups and the recorded answers included);',
    '  requests in flight when autocannon stops a run are served but not counted as answered, so up to',
    '  that many more rows are expected.',
    `- (f) runs on a fresh database: the API (\`MAILROOM_ROLE=api\`) and the worker (\`MAILROOM_ROLE=worker\`)`,
    `  as two processes. ${fanOut.contacts.toLocaleString('en-US')} contacts (name, a city attribute), all subscribed to one list, are`,
    '  inserted with SQL (`INSERT … SELECT generate_series`, then ANALYZE); a marketing integration points',
    '  at the sink without rate limit; the broadcast renders the first name into its subject and name and',
    '  city into its HTML and text. The clock runs from `POST …/send` until `broadcasts.recipients` reaches',
    `  the list size (polled every 20 ms; ${fanOut.timeoutMs / 1000} s at most). Deliveries run meanwhile as they would in`,
    '  production (the number the sink had by then is shown); afterwards the broadcast is cancelled.',
    '  Worker memory is VmRSS from `/proc/<pid>/status`, sampled with every poll, and VmHWM (its peak',
    '  since start) at the end; the higher is shown. MB = 10⁶ bytes.',
    ...webhookMethod(),
    '',
    ...measuredOnce(path),
  ].join('\n');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

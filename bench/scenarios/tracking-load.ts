import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import { PLAN } from '../plan';
import type { EndpointRate, TrackingLoad } from '../results';
import type { RecordedAnswer } from '../support/bare-http-protocol';
import { BareHttpProcess } from '../support/bare-http-process';
import type { HistoryProbe } from '../support/history-probe';
import type { TrackedPaths } from '../support/tracked-mail';
import { pollUntil } from '../support/timing';

/** What a person's mail client sends: not an image proxy or scanner, so Mailroom records it as a human open or click. */
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
/** node:http writes these itself on every answer; everything else is replayed as Mailroom sent it. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

type Kind = 'open' | 'click';
const EXPECTED_STATUS: Record<Kind, number> = { open: 200, click: 302 };
/** autocannon runs against Mailroom: for the pixel and for the click, a warm-up and each round. */
const MAILROOM_RUNS = 2 * (1 + PLAN.tracking.rounds);
/** Longer than the event writer lingers before it writes a batch. */
const EVENTS_SETTLE_MS = 500;

/**
 * (e) `GET /t/o/{token}` and `GET /t/c/{token}` of Mailroom (`MAILROOM_ROLE=api`) under the same
 * autocannon load as a bare node:http server answering the same bytes, with real tokens from
 * delivered mail. Afterwards, every open and click Mailroom answered should be in `message_events`.
 */
export async function trackingLoad(baseUrl: string, tracked: TrackedPaths, history: HistoryProbe): Promise<TrackingLoad> {
  const paths = { open: tracked.open, click: tracked.click };
  const routes: Record<string, RecordedAnswer> = {};
  for (const kind of ['open', 'click'] as const) {
    for (const path of paths[kind]) routes[path] = await record(baseUrl, path, EXPECTED_STATUS[kind]);
  }
  let answered = Object.keys(routes).length;

  const bare = await BareHttpProcess.start(routes);
  const run = async (kind: Kind) => {
    await sameAnswer(baseUrl, bare.baseUrl, paths[kind][0]!);
    answered += 1;
    const measured = await sideBySide(baseUrl, bare.baseUrl, paths[kind], EXPECTED_STATUS[kind]);
    answered += measured.mailroomAnsweredWithWarmup;
    return { mailroom: measured.mailroom, bare: measured.bare };
  };
  let open, click;
  try {
    open = await run('open');
    click = await run('click');
  } finally {
    await bare.stop();
  }

  // Events are buffered and written in batches off the request path: give the last batch time to land.
  // Requests still in flight when autocannon stops a run were served (and recorded) but not counted
  // as answered, so afterwards up to `connections` more per Mailroom run may appear.
  await pollUntil(async () => (await history.trackingEvents(tracked.messageIds)) >= answered, {
    what: 'tracking events',
    timeoutMs: PLAN.tracking.eventsTimeoutMs,
    intervalMs: 100,
  }).catch(() => undefined); // fewer than answered is a finding to report, not a reason to stop
  await sleep(EVENTS_SETTLE_MS);
  const written = await history.trackingEvents(tracked.messageIds);
  return {
    open,
    click,
    tokens: { open: paths.open.length, click: paths.click.length },
    eventsAnswered: answered,
    eventsCutOff: MAILROOM_RUNS * PLAN.tracking.connections,
    eventsWritten: written,
  };
}

/** One answer of Mailroom, checked for the expected status, kept for the bare server. */
async function record(baseUrl: string, path: string, status: number): Promise<RecordedAnswer> {
  const answer = await answerOf(baseUrl, path);
  if (answer.status !== status) {
    throw new Error(
      `GET ${path} answered ${answer.status} instead of ${status}: ${Buffer.from(answer.body, 'base64').toString('utf8').slice(0, 300)}`,
    );
  }
  return answer;
}

async function answerOf(baseUrl: string, path: string): Promise<RecordedAnswer> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'user-agent': BROWSER }, redirect: 'manual' });
  return {
    status: response.status,
    headers: [...response.headers].filter(([name]) => !TRANSPORT_HEADERS.has(name)),
    body: Buffer.from(await response.arrayBuffer()).toString('base64'),
  };
}

/** Refuses to compare unless the bare server really answers what Mailroom answers (status, headers, body). */
async function sameAnswer(mailroomUrl: string, bareUrl: string, path: string): Promise<void> {
  const [mailroom, bare] = (await Promise.all([answerOf(mailroomUrl, path), answerOf(bareUrl, path)])).map((answer) =>
    JSON.stringify(answer),
  );
  if (mailroom !== bare) throw new Error(`the bare server does not answer ${path} like Mailroom:\n${mailroom}\n${bare}`);
}

/**
 * Both servers warm up (JIT, caches, keep-alive connections), then take turns in short rounds,
 * the one going first alternating: the machine's speed drifts by tens of percent over seconds
 * (other tenants of the host, the garbage collector, Postgres checkpoints), and turns spread
 * that drift over both sides instead of handing it to whichever ran second. Rates are totals
 * over all rounds; p50 is the middle round's, p99 the worst round's. Only the expected status counts.
 */
async function sideBySide(
  mailroomUrl: string,
  bareUrl: string,
  paths: string[],
  status: number,
): Promise<{ mailroom: EndpointRate; bare: EndpointRate; mailroomAnsweredWithWarmup: number }> {
  const { connections, rounds, roundSeconds, warmupSeconds } = PLAN.tracking;
  const load = (url: string, duration: number) =>
    autocannon({
      url,
      connections,
      duration,
      headers: { 'user-agent': BROWSER },
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    });
  const expected = (result: autocannon.Result) => (status === 200 ? result['2xx'] : result['3xx']);
  const warmup = await load(mailroomUrl, warmupSeconds);
  await load(bareUrl, warmupSeconds);
  const results = { mailroom: [] as autocannon.Result[], bare: [] as autocannon.Result[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['mailroom', 'bare'] as const) : (['bare', 'mailroom'] as const);
    for (const side of order) results[side].push(await load(side === 'mailroom' ? mailroomUrl : bareUrl, roundSeconds));
  }
  const combine = (runs: autocannon.Result[]): EndpointRate => {
    const answered = runs.reduce((sum, result) => sum + expected(result), 0);
    const total = runs.reduce((sum, result) => sum + result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'], 0);
    const p50s = runs.map((result) => result.latency.p50).sort((a, b) => a - b);
    return {
      answered,
      requestsPerSecond: answered / runs.reduce((sum, result) => sum + result.duration, 0),
      p50Ms: p50s[Math.floor(p50s.length / 2)]!,
      p99Ms: Math.max(...runs.map((result) => result.latency.p99)),
      unexpected: total - answered,
      errors: runs.reduce((sum, result) => sum + result.errors, 0),
    };
  };
  return {
    mailroom: combine(results.mailroom),
    bare: combine(results.bare),
    mailroomAnsweredWithWarmup: expected(warmup) + results.mailroom.reduce((sum, result) => sum + expected(result), 0),
  };
}

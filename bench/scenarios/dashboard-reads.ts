import { PLAN } from '../plan';
import type { DashboardReads, ReadTiming } from '../results';
import { getJson, postJson, SendTarget } from '../support/mailroom-client';
import type { WorkspaceHistory } from '../support/workspace-history';

/** The person the dashboard's requests are made as: an operator, created at start from MAILROOM_OPERATOR_EMAIL/PASSWORD. */
export const BENCH_OPERATOR = { email: 'bench-operator@example.com', password: 'bench operator passphrase 2026' };

interface Call {
  name: string;
  path: string;
}

const DAY_MS = 86_400_000;

/** Signs in as the dashboard does and answers the session cookie. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mailroom-client': 'dashboard' },
    body: JSON.stringify(BENCH_OPERATOR),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('mailroom_session='));
  if (response.status !== 200 || !cookie) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return cookie.split(';')[0]!;
}

/** Milliseconds of one GET, from sending it until the whole body is read; anything but 200 is an error naming the answer. */
async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  return { ms, body };
}

const percentile = (sorted: number[], share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;

/**
 * (g) A workspace with `PLAN.dashboardReads.messages` messages and their events, and every GET
 * the dashboard's pages make, each asked `samples` times in turn after a warm-up, one request at
 * a time, with the session cookie of a signed-in person (the dashboard's way in).
 */
export async function dashboardReads(target: SendTarget, history: WorkspaceHistory): Promise<Omit<DashboardReads, 'firstLoad'>> {
  const { messages, contacts, samples, warmup } = PLAN.dashboardReads;
  const v1 = `${target.baseUrl}/v1/workspaces/${target.workspaceId}`;
  const integrations = await getJson<{ data: Array<{ id: string }> }>(`${v1}/integrations`, target.adminKey);
  const list = await postJson<{ id: string }>(`${v1}/lists`, target.adminKey, { name: 'Customers' }, 201);
  for (const name of ['Spring', 'Summer', 'Autumn']) {
    await postJson(`${v1}/broadcasts`, target.adminKey, { name, listId: list.id, subject: `${name} news`, html: '<p>News</p>' }, 201);
  }
  const seeded = await history.seed(target.workspaceId, integrations.data[0]!.id, messages, contacts);
  const cookie = await signIn(target.baseUrl);

  const nextCursor = async (query: string) =>
    encodeURIComponent((JSON.parse((await timedGet(`${v1}/messages?${query}`, cookie)).body) as { nextCursor: string }).nextCursor);
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
  const calls: Call[] = [
    { name: 'me (every page)', path: '/v1/auth/me' },
    { name: 'workspace', path: '' },
    { name: 'messages', path: '/messages' },
    { name: 'messages, next page', path: `/messages?cursor=${await nextCursor('')}` },
    { name: 'messages, a page half-way down', path: `/messages?cursor=${await nextCursor(`until=${daysAgo(15)}`)}` },
    { name: 'messages ?status=failed', path: '/messages?status=failed' },
    { name: 'messages ?status=sending (none)', path: '/messages?status=sending' },
    { name: 'messages ?type=marketing', path: '/messages?type=marketing' },
    { name: 'messages ?to=', path: `/messages?to=${seeded.recipient}` },
    { name: 'messages ?tag=welcome', path: '/messages?tag=welcome' },
    { name: 'messages ?since=&until= (one day)', path: `/messages?since=${daysAgo(8)}&until=${daysAgo(7)}` },
    { name: 'messages ?status=failed&type=marketing (none)', path: '/messages?status=failed&type=marketing' },
    { name: 'message (timeline)', path: `/messages/${seeded.busyMessageId}` },
    { name: 'stats ?period=24h', path: '/stats?period=24h' },
    { name: 'stats ?period=7d', path: '/stats?period=7d' },
    { name: 'stats ?period=30d', path: '/stats?period=30d' },
    { name: 'integrations', path: '/integrations' },
    { name: 'contacts', path: '/contacts' },
    { name: 'lists', path: '/lists' },
    { name: 'broadcasts', path: '/broadcasts' },
    { name: 'suppressions', path: '/suppressions' },
    { name: 'members', path: '/members' },
    { name: 'audit', path: '/audit' },
    { name: 'api-keys', path: '/api-keys' },
  ];

  const timings: ReadTiming[] = [];
  for (const call of calls) {
    const url = call.path.startsWith('/v1/') ? `${target.baseUrl}${call.path}` : `${v1}${call.path}`;
    for (let index = 0; index < warmup; index++) await timedGet(url, cookie);
    const ms: number[] = [];
    for (let index = 0; index < samples; index++) ms.push((await timedGet(url, cookie)).ms);
    ms.sort((a, b) => a - b);
    timings.push({ name: call.name, p50Ms: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95), maxMs: ms[ms.length - 1]! });
  }
  return { messages, events: seeded.events, contacts, samples, calls: timings };
}

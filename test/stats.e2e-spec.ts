import { TrackingEventWriter } from '../apps/api/src/tracking/tracking-event-writer';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const GOOGLE_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Counts = { sent: number; failed: number; opened: number; clicked: number; bounced: number; complained: number };
type Bucket = { start: string; transactional: Counts; marketing: Counts };

describe('workspace stats (GET /v1/workspaces/{ws}/stats)', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({
      security: 'starttls',
      authOptional: true,
      respond: { rcptTo: (address) => (address === 'nobody@example.com' ? '550 5.1.1 <nobody@example.com>: User unknown' : undefined) },
    });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL: 'https://mail.example.test', TRACKING_MACHINE_CLICK_WINDOW_MS: '0' } });
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, { smtp, integration: { usage: { transactional: true, marketing: true } } });

    const html = '<p>Hello <a href="https://shop.example.com/cart">your cart</a></p>';
    const sent = await Promise.all(
      [
        { to: ['reader@example.com'], subject: 'Receipt', html },
        { to: ['nobody@example.com'], subject: 'Lost', html },
        { type: 'marketing', to: ['fan@example.com'], subject: 'News', html },
      ].map(async (body) => (await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.sendKey)).send(body).expect(202)).body.id),
    );
    await watcher.finished(sent);
    const bodyOf = (to: string) => mimeParts(smtp.messages.find((mail) => mail.envelope.rcptTo.includes(to))!.raw.toString('utf8'));
    const pixel = new URL(/<img src="([^"]+)"/.exec(bodyOf('reader@example.com').get('text/html')!)![1]!).pathname;
    const link = new URL(/href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/.exec(bodyOf('fan@example.com').get('text/html')!)![1]!)
      .pathname;
    await t.http.get(pixel).set('User-Agent', BROWSER).expect(200);
    await t.http.get(pixel).set('User-Agent', BROWSER).expect(200);
    await t.http.get(pixel).set('User-Agent', GOOGLE_PROXY).expect(200);
    await t.http.get(link).set('User-Agent', BROWSER).expect(302);
    await t.app.get(TrackingEventWriter).flush();
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const stats = async (workspace: { id: string }, key: string, query = '') =>
    (await t.http.get(`/v1/workspaces/${workspace.id}/stats${query}`).set(bearer(key)).expect(200)).body;
  const sum = (buckets: Bucket[], type: 'transactional' | 'marketing') =>
    buckets.reduce(
      (total, bucket) => ({
        sent: total.sent + bucket[type].sent,
        failed: total.failed + bucket[type].failed,
        opened: total.opened + bucket[type].opened,
        clicked: total.clicked + bucket[type].clicked,
        bounced: total.bounced + bucket[type].bounced,
        complained: total.complained + bucket[type].complained,
      }),
      { sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 },
    );

  it('counts sent, failed, human opens and human clicks per message type over the last 24 hours, hour by hour', async () => {
    const body = await stats(ws, ws.sendKey, '?period=24h');
    expect(body.period).toBe('24h');
    expect(body.bucket).toBe('hour');
    expect(body.totals).toEqual({
      transactional: { sent: 1, failed: 1, opened: 2, clicked: 0, bounced: 0, complained: 0 },
      marketing: { sent: 1, failed: 0, opened: 0, clicked: 1, bounced: 0, complained: 0 },
    });
    const buckets = body.buckets as Bucket[];
    expect(buckets).toHaveLength(24);
    const starts = buckets.map((bucket) => Date.parse(bucket.start));
    expect(starts.slice(1).map((start, index) => start - starts[index]!)).toEqual(Array(23).fill(HOUR_MS));
    expect(starts[23]).toBe(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
    expect(sum(buckets, 'transactional')).toEqual(body.totals.transactional);
    expect(sum(buckets, 'marketing')).toEqual(body.totals.marketing);
    expect(body.queued).toEqual({ transactional: 0, marketing: 0 });
  });

  it('answers the last 7 and 30 days in UTC days, the same totals', async () => {
    for (const [period, days] of [
      ['7d', 7],
      ['30d', 30],
    ] as const) {
      const body = await stats(ws, ws.adminKey, `?period=${period}`);
      expect(body.bucket).toBe('day');
      expect(body.buckets).toHaveLength(days);
      expect(Date.parse(body.buckets[days - 1].start)).toBe(Math.floor(Date.now() / DAY_MS) * DAY_MS);
      expect(body.totals.transactional).toEqual({ sent: 1, failed: 1, opened: 2, clicked: 0, bounced: 0, complained: 0 });
      expect(body.totals.marketing).toEqual({ sent: 1, failed: 0, opened: 0, clicked: 1, bounced: 0, complained: 0 });
    }
  });

  it('counts what is queued now, and only in its own workspace', async () => {
    // Nothing listens where this integration points: the message stays queued, retried with backoff.
    const waiting = await createSendingWorkspace(t, { name: 'Waiting' });
    await t.http
      .post(`/v1/workspaces/${waiting.id}/messages`)
      .set(bearer(waiting.sendKey))
      .send({ to: ['later@example.com'], subject: 'Later', text: 'x' })
      .expect(202);
    const body = await stats(waiting, waiting.sendKey);
    expect(body.period).toBe('24h');
    expect(body.queued).toEqual({ transactional: 1, marketing: 0 });
    expect(body.totals.transactional).toEqual({ sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 });

    const other = await createWorkspace(t, 'Quiet');
    const quiet = await stats(other, other.adminKey, '?period=30d');
    expect(quiet.totals).toEqual({
      transactional: { sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 },
      marketing: { sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 },
    });
    await t.http.get(`/v1/workspaces/${ws.id}/stats`).set(bearer(other.adminKey)).expect(404);
  });

  it('refuses a period it does not know, naming the field', async () => {
    const refused = await t.http.get(`/v1/workspaces/${ws.id}/stats?period=1y`).set(bearer(ws.sendKey)).expect(400);
    expect(refused.body.message[0]).toMatch(/^period must be one of/);
  });
});

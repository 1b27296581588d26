import { setTimeout as sleep } from 'node:timers/promises';
import { createList } from './support/contact-factory';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const TEMPLATE = {
  subject: 'Hello {{ contact.first_name }}',
  html: '<p>Dear {{ contact.first_name }} {{ contact.last_name }} ({{ contact.attributes.city }})</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
  text: 'Dear {{ contact.first_name }}, unsubscribe: {{ unsubscribe_url }}',
};

describe('broadcasts', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL: 'https://mail.example.test' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const admin = () => bearer(ws.adminKey);
  /** Each test has a workspace of its own: one sending both kinds of mail as News, or (`useWorkspace`) one that cannot send. */
  const useSendingWorkspace = async (overrides: Record<string, unknown> = {}) => {
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: {
        usage: { transactional: true, marketing: true },
        senders: [{ name: 'News', email: 'news@example.com' }],
        ...overrides,
      },
    });
  };
  const useWorkspace = async () => {
    ws = await createWorkspace(t);
  };
  const importCsv = async (listId: string, csv: string) =>
    t.http
      .post(api(`/lists/${listId}/import`))
      .set(admin())
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
  const createBroadcast = async (listId: string, body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(api('/broadcasts'))
        .set(admin())
        .send({ name: 'Spring', listId, ...TEMPLATE, ...body })
        .expect(201)
    ).body;
  const broadcastView = async (id: string) =>
    (
      await t.http
        .get(api(`/broadcasts/${id}`))
        .set(admin())
        .expect(200)
    ).body;
  const sentTo = (marker: string) => smtp.messages.filter((message) => message.headers.subject?.includes(marker));

  /** Status and counts are derived from rows another process writes; nothing announces them. */
  const waitUntilSettled = (id: string, expectedSent: number) =>
    pollUntil(
      `broadcast ${id} settled with ${expectedSent} sent`,
      () => broadcastView(id),
      (view) => view.counts.sent >= expectedSent && view.counts.queued === 0 && view.status !== 'sending',
      { timeoutMs: 25_000, intervalMs: 50 },
    );

  /** A list named `name` of `size` members, `<prefix><n>@example.com`. */
  async function listOf(name: string, prefix: string, size: number) {
    const list = await createList(t, ws, name);
    const emails = Array.from({ length: size }, (_, index) => `${prefix}${index}@example.com`);
    await t.http
      .post(api(`/lists/${list.id}/contacts`))
      .set(admin())
      .send({ emails })
      .expect(200);
    return list;
  }

  /** A list of 200 members in a workspace whose integration sends 50 a second. */
  async function slowList() {
    await useSendingWorkspace({ rateLimitPerMinute: 3000 });
    return listOf('Slow', 'slow', 200);
  }

  it('reaches exactly the 450 subscribed of 500 members, each personalised with a working unsubscribe link', async () => {
    await useSendingWorkspace();
    const list = await createList(t, ws, 'Customers');
    const rows = Array.from({ length: 500 }, (_, index) => `member${index}@example.com,First${index},Last${index},City${index}`);
    await importCsv(list.id, `email,first_name,last_name,city\n${rows.join('\n')}\n`);
    const members = (await t.http.get(api(`/lists/${list.id}/contacts?limit=100`)).set(admin())).body;
    expect(members.data.length).toBeGreaterThan(0);
    // 50 members unsubscribe from the list before the broadcast.
    const contacts = (await t.http.get(api('/contacts?limit=100')).set(admin())).body.data.slice(0, 50);
    for (const contact of contacts) {
      await t.http
        .patch(api(`/lists/${list.id}/contacts/${contact.id}`))
        .set(admin())
        .send({ status: 'unsubscribed' })
        .expect(200);
    }
    const unsubscribed = new Set(contacts.map((contact: { email: string }) => contact.email));

    const broadcast = await createBroadcast(list.id, { subject: 'Hello {{ contact.first_name }} [b450]' });
    expect(broadcast.status).toBe('draft');
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(200);
    const view = await waitUntilSettled(broadcast.id, 450);
    expect(view).toMatchObject({ status: 'sent', counts: { recipients: 450, sent: 450, failed: 0, queued: 0, skipped: 50 } });

    const delivered = sentTo('[b450]');
    expect(delivered).toHaveLength(450);
    const recipients = delivered.map((message) => message.envelope.rcptTo[0]!);
    expect(new Set(recipients).size).toBe(450);
    for (const email of recipients) expect(unsubscribed.has(email)).toBe(false);

    for (const message of delivered) {
      const index = /member(\d+)@/.exec(message.envelope.rcptTo[0]!)![1];
      expect(message.headers.subject).toBe(`Hello First${index} [b450]`);
      const html = mimeParts(message.raw.toString('utf8')).get('text/html')!;
      expect(html).toContain(`Dear First${index} Last${index} (City${index})`);
      const link = /<a href="(https:\/\/mail\.example\.test\/u\/[^"]+)">Unsubscribe<\/a>/.exec(html)![1]!;
      expect(message.headers['list-unsubscribe']).toBe(`<${link}>`);
    }
    const sample = delivered[7]!;
    const link = /<(https:\/\/mail\.example\.test\/u\/[^>]+)>/.exec(sample.headers['list-unsubscribe']!)![1]!;
    await t.http.post(new URL(link).pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const after = await broadcastView(broadcast.id);
    expect(after.counts.unsubscribed).toBe(1);
    const membership = (await t.http.get(api(`/lists/${list.id}`)).set(admin())).body;
    expect(membership.counts).toMatchObject({ subscribed: 449, unsubscribed: 51 });
  });

  it('pauses mid-run and resumes without duplicates', async () => {
    const list = await slowList();
    const broadcast = await createBroadcast(list.id, { subject: 'Paced [pause]' });
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(200);

    const start = smtp.messages.length;
    await smtp.waitForMessages(start + 20, 10_000);
    const paused = await t.http
      .post(api(`/broadcasts/${broadcast.id}/pause`))
      .set(admin())
      .send({})
      .expect(200);
    expect(paused.body.status).toBe('paused');
    // Kept a fixed wait: a worker learns of the pause through its broadcast-status cache (a
    // second at most, BroadcastSnapshots), and nothing announces that every worker has; a paused
    // slice only gets put off, as a rate-limited one does. Deliveries in flight finish first.
    await sleep(2500);
    const atPause = sentTo('[pause]').length;
    await sleep(1500);
    expect(sentTo('[pause]').length).toBe(atPause);
    expect(atPause).toBeLessThan(200);

    await t.http
      .post(api(`/broadcasts/${broadcast.id}/resume`))
      .set(admin())
      .send({})
      .expect(200);
    const done = await waitUntilSettled(broadcast.id, 200);
    expect(done.status).toBe('sent');
    const recipients = sentTo('[pause]').map((message) => message.envelope.rcptTo[0]);
    expect(recipients).toHaveLength(200);
    expect(new Set(recipients).size).toBe(200);
  });

  it('cancels for good: a cancelled broadcast sends nothing more and cannot be resumed', async () => {
    const list = await slowList();
    const broadcast = await createBroadcast(list.id, { subject: 'Cancelled [cancel]' });
    const watcher = await DeliveryWatcher.start(t);
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(200);
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/cancel`))
      .set(admin())
      .send({})
      .expect(200);
    // Once its fan-out has run and none of its messages is queued or sending, nothing of it can be sent any more.
    await watcher.fannedOut(broadcast.id);
    await watcher.close();
    const cancelled = await pollUntil(
      'the cancelled broadcast left with nothing to send',
      () => broadcastView(broadcast.id),
      (view) => view.counts.queued === 0,
      { intervalMs: 50 },
    );
    expect(sentTo('[cancel]').length).toBe(cancelled.counts.sent);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.queued).toBe(0);
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/resume`))
      .set(admin())
      .send({})
      .expect(422);
  });

  it('delivers a transactional send made during a 5,000-recipient broadcast before it is 10% done', async () => {
    await useSendingWorkspace({ rateLimitPerMinute: 60_000 });
    const list = await listOf('Large', 'bulk', 5000);
    const broadcast = await createBroadcast(list.id, { subject: 'Bulk [5000]' });
    const watcher = await DeliveryWatcher.start(t);
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(200);
    const start = smtp.messages.length;
    await smtp.waitForMessages(start + 50, 20_000);

    const reset = await t.http
      .post(api('/messages'))
      .set(admin())
      .send({ to: ['user@example.com'], subject: 'Password reset [tx]', text: 'code 1234' })
      .expect(202);
    await watcher.finished([reset.body.id]);
    await watcher.close();
    const marketingSoFar = sentTo('[5000]').length;
    expect(sentTo('[tx]')).toHaveLength(1);
    expect(marketingSoFar).toBeLessThan(500);
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/cancel`))
      .set(admin())
      .send({})
      .expect(200);
  });

  it('refuses a template with a syntax error when the draft is saved, naming field and line', async () => {
    await useWorkspace();
    const list = await createList(t, ws);
    const response = await t.http
      .post(api('/broadcasts'))
      .set(admin())
      .send({ name: 'Broken', listId: list.id, subject: 'ok', html: '<p>\n{% if contact.first_name %}\nHi' })
      .expect(400);
    expect(response.body.message[0]).toMatch(/^html: .*line:2/);
  });

  it('needs a marketing integration to send, and keeps broadcasts inside their workspace', async () => {
    await useWorkspace();
    const list = await createList(t, ws);
    const broadcast = await createBroadcast(list.id);
    const refused = await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(422);
    expect(refused.body.message[0]).toMatch(/marketing/);

    const other = await createWorkspace(t, 'Other');
    const theirs = `/v1/workspaces/${other.id}`;
    await t.http.get(`${theirs}/broadcasts/${broadcast.id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.post(`${theirs}/broadcasts/${broadcast.id}/send`).set(bearer(other.adminKey)).send({}).expect(404);
    await t.http
      .post(`${theirs}/broadcasts`)
      .set(bearer(other.adminKey))
      .send({ name: 'x', listId: list.id, subject: 's', text: 't' })
      .expect(404);
  });
});

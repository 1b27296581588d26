import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TrackingEventWriter } from '../apps/api/src/tracking/tracking-event-writer';
import { createContact, createList } from './support/contact-factory';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey } from './support/workspace-factory';
import { everyWorkspaceRead } from './support/workspace-reads';

const ADA = 'Ada.Lovelace@example.com';
const ada = ADA.toLowerCase();
// What only Ada's mail said: it must go with her address.
const RESET_TOKEN = 'reset-token-5b1f0c';
const SUBJECT = 'Ada, your analytical engine invoice';

describe('erasing a recipient', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;
  let db: DataSource;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL: 'https://mail.example.test' } });
    db = t.app.get(DataSource);
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, { smtp, integration: { usage: { transactional: true, marketing: true } } });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const send = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const accepted = await t.http.post(api('/messages')).set(bearer(ws.sendKey)).set(headers).send(body).expect(202);
    await watcher.finished([accepted.body.id]);
    return accepted.body.id as string;
  };
  const erase = async (email: string) => {
    const requested = await t.http
      .delete(api(`/recipients/${encodeURIComponent(email)}`))
      .set(bearer(ws.adminKey))
      .expect(202);
    return pollUntil(
      'the erasure',
      async () =>
        (
          await t.http
            .get(api(`/recipient-erasures/${requested.body.id}`))
            .set(bearer(ws.adminKey))
            .expect(200)
        ).body,
      (erasure) => erasure.status === 'completed',
    );
  };

  it('leaves nothing of the address or of what was sent to it in any response, and keeps it suppressed', async () => {
    const invoice = randomBytes(20_000);
    const bobsFile = randomBytes(5_000);
    const contact = await createContact(t, ws, {
      email: ADA,
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: { engine: 'analytical' },
    });
    const list = await createList(t, ws, 'Engineers');
    await t.http
      .post(api(`/lists/${list.id}/contacts`))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [contact.id] })
      .expect(200);
    await t.http.post(api('/suppressions')).set(bearer(ws.adminKey)).send({ email: ADA, reason: 'manual' }).expect(201);

    const toAda = await send(
      {
        to: [{ email: ADA, name: 'Ada Lovelace' }],
        subject: SUBJECT,
        html: `<p>Reset: <a href="https://app.example.com/reset?token=${RESET_TOKEN}&email=${ada}">reset</a></p>`,
        text: `Reset: https://app.example.com/reset?token=${RESET_TOKEN}`,
        headers: { 'X-Customer': ada },
        metadata: { customer: ada },
        attachments: [{ filename: 'ada-invoice.pdf', content: invoice.toString('base64') }],
      },
      { 'Idempotency-Key': `reset-${ada}` },
    );
    const copied = await send({
      to: ['bob@example.com'],
      tags: ['minutes', `cc-${ada}`],
      cc: [ADA],
      replyTo: ADA,
      subject: 'Minutes',
      text: 'See the minutes.',
      attachments: [{ filename: 'minutes.pdf', content: bobsFile.toString('base64') }],
    });
    const bobs = await send({ to: [{ email: 'bob@example.com', name: 'Bob' }], subject: 'For Bob', text: 'Only for Bob.' });
    // Ada clicks her reset link: the click records its URL, which names her.
    const delivered = smtp.messages.find((mail) => mail.headers['message-id'] === `<${toAda}@example.com>`)!;
    const tracked = /href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/.exec(
      mimeParts(delivered.raw.toString('utf8')).get('text/html')!,
    )![1]!;
    await t.http.get(new URL(tracked).pathname).set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0').expect(302);
    await t.app.get(TrackingEventWriter).flush();
    // A test of a broadcast sent to her: the audit log's details name her.
    const broadcast = await t.http
      .post(api('/broadcasts'))
      .set(bearer(ws.adminKey))
      .send({ name: 'Spring', listId: list.id, subject: 'Spring', html: '<p>Spring</p>' })
      .expect(201);
    await t.http
      .post(api(`/broadcasts/${broadcast.body.id}/test`))
      .set(bearer(ws.adminKey))
      .send({ to: ADA })
      .expect(202);

    const mentions = (text: string) =>
      [ada, RESET_TOKEN, SUBJECT, invoice.toString('base64').slice(0, 40)].filter((s) => text.toLowerCase().includes(s.toLowerCase()));
    const before = JSON.stringify(await everyWorkspaceRead(t, ws.id, ws.adminKey));
    expect(mentions(before)).toEqual([ada, RESET_TOKEN, SUBJECT]);

    const erasure = await erase(ADA);
    expect(erasure).toMatchObject({ status: 'completed', contacts: 1, suppressions: 1, messages: 3, completedAt: expect.any(String) });

    const reads = await everyWorkspaceRead(t, ws.id, ws.adminKey, { '/v1/workspaces/{ws}/recipient-erasures/{id}': [erasure.id] });
    expect(reads.filter((read) => read.status >= 500)).toEqual([]);
    const readPaths = reads.filter((read) => read.status === 200).map((read) => read.path);
    for (const id of [toAda, copied, bobs]) expect(readPaths).toContain(api(`/messages/${id}`));
    expect(readPaths).toEqual(
      expect.arrayContaining([api('/audit'), api('/contacts'), api('/suppressions'), api(`/recipient-erasures/${erasure.id}`)]),
    );
    for (const read of reads)
      expect({ path: read.path, mentions: mentions(JSON.stringify(read.pages)) }).toEqual({ path: read.path, mentions: [] });

    // Nor does anything of it stay in the database, where no response reaches.
    const tables: Array<{ table: string }> = await db.query(`SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public'`);
    for (const { table } of tables) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "public"."${table}" r WHERE strpos(lower(r::text), $1) > 0`, [ada]);
      expect({ table, rows: n }).toEqual({ table, rows: 0 });
    }
    const files = await db.query(`SELECT size FROM "public"."attachments" WHERE workspace_id = $1 ORDER BY size`, [ws.id]);
    expect(files).toEqual([]);

    // What others were sent stays; Ada's place in it reads as erased.
    const kept = (
      await t.http
        .get(api(`/messages/${copied}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    expect(kept).toMatchObject({
      to: [{ email: 'bob@example.com' }],
      cc: [{ email: 'erased@erased.invalid' }],
      status: 'sent',
      attachments: [],
    });
    const untouched = (
      await t.http
        .get(api(`/messages/${bobs}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    expect(untouched).toMatchObject({ to: [{ email: 'bob@example.com', name: 'Bob' }], subject: 'For Bob' });

    // Still suppressed, by the hash alone: marketing mail to her goes nowhere.
    const again = await t.http
      .post(api('/messages'))
      .set(bearer(ws.sendKey))
      .send({ type: 'marketing', to: [ADA], subject: 'News', html: '<p>News</p>' })
      .expect(202);
    await watcher.finished([again.body.id]);
    expect(
      (
        await t.http
          .get(api(`/messages/${again.body.id}`))
          .set(bearer(ws.sendKey))
          .expect(200)
      ).body.status,
    ).toBe('suppressed');
    await t.http
      .delete(api(`/suppressions/${ADA}`))
      .set(bearer(ws.adminKey))
      .expect(204);

    const audit = (await t.http.get(api('/audit')).set(bearer(ws.adminKey)).expect(200)).body.data;
    expect(audit.find((event: { action: string }) => event.action === 'recipient.erasure_requested')).toMatchObject({
      target: `erasure:${erasure.id}`,
      actor: { type: 'api_key' },
    });
    expect(audit.find((event: { action: string }) => event.action === 'recipient.erased')).toMatchObject({
      target: `erasure:${erasure.id}`,
      details: { messages: 3, contacts: 1, suppressions: 1 },
      actor: { type: 'api_key' },
    });
  });

  it('answers 400 for what is no address, and is for admins only', async () => {
    const response = await t.http.delete(api('/recipients/not-an-address')).set(bearer(ws.adminKey)).expect(400);
    expect(response.body.message).toEqual(['email: not a valid email address']);
    await t.http
      .delete(api(`/recipients/${ada}`))
      .set(bearer(ws.sendKey))
      .expect(403);
    await t.http
      .delete(api(`/recipients/${ada}`))
      .set(bearer(await createApiKey(t, ws, ['admin'])))
      .expect(202);
    await t.http.get(api('/recipient-erasures/5b1f0c2e-0000-4000-8000-000000000000')).set(bearer(ws.adminKey)).expect(404);
  });
});

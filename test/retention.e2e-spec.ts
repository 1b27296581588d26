import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TrackingEventWriter } from '../apps/api/src/tracking/tracking-event-writer';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('retention: what a workspace keeps, and the purge that removes the rest', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;
  let db: DataSource;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    // The purge runs when the worker starts and then every 300 ms, as it runs every day in production.
    t = await startTestApp({ worker: true, env: { RETENTION_PURGE_INTERVAL_MS: '300', PUBLIC_BASE_URL: 'https://mail.example.test' } });
    db = t.app.get(DataSource);
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, { smtp });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const workspace = (body: Record<string, unknown>) => t.http.patch(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).send(body);

  describe('the setting', () => {
    it('keeps bodies 30 days and messages 400 days unless told otherwise', async () => {
      const response = await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200);
      expect(response.body.retention).toEqual({ bodiesDays: 30, metadataDays: 400 });
    });

    it('changes either, alone or together', async () => {
      expect((await workspace({ retention: { bodiesDays: 7 } }).expect(200)).body.retention).toEqual({ bodiesDays: 7, metadataDays: 400 });
      expect((await workspace({ retention: { metadataDays: 90 } }).expect(200)).body.retention).toEqual({
        bodiesDays: 7,
        metadataDays: 90,
      });
      await workspace({ retention: { bodiesDays: 30, metadataDays: 400 } }).expect(200);
    });

    it.each([
      [{ bodiesDays: 0 }, /retention\.bodiesDays must not be less than 1/],
      [{ metadataDays: 4000 }, /retention\.metadataDays must not be greater than 3650/],
      [{ bodiesDays: 1.5 }, /retention\.bodiesDays must be an integer/],
      [{ keepForever: true }, /property keepForever should not exist/],
    ])('answers 400 for retention %j, naming the field', async (retention, reason) => {
      const response = await workspace({ retention }).expect(400);
      expect(response.body.message.join(' ')).toMatch(reason);
    });

    it('answers 422 when bodies would outlive their messages', async () => {
      const response = await workspace({ retention: { bodiesDays: 500 } }).expect(422);
      expect(response.body.message[0]).toMatch(/retention\.bodiesDays \(500\) may not exceed retention\.metadataDays \(400\)/);
    });

    it('is for the admins of the workspace', async () => {
      await t.http
        .patch(`/v1/workspaces/${ws.id}`)
        .set(bearer(ws.sendKey))
        .send({ retention: { bodiesDays: 1 } })
        .expect(403);
    });
  });

  describe('the purge', () => {
    const send = async (body: Record<string, unknown>) => {
      const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.sendKey)).send(body).expect(202);
      await watcher.finished([accepted.body.id]);
      return accepted.body.id as string;
    };
    const get = (id: string) => t.http.get(`/v1/workspaces/${ws.id}/messages/${id}`).set(bearer(ws.sendKey));
    /**
     * As if the messages had been sent `days` ago. The purge walks each workspace's bodies from
     * where it last stopped, which no message is ever created behind; these now are, so the walk
     * starts over.
     */
    const ageBy = async (ids: string[], days: number) => {
      await db.query(`UPDATE "public"."messages" SET created_at = created_at - make_interval(days => $2) WHERE id = ANY($1::uuid[])`, [
        ids,
        days,
      ]);
      await db.query(`UPDATE "public"."message_events" SET at = at - make_interval(days => $2) WHERE message_id = ANY($1::uuid[])`, [
        ids,
        days,
      ]);
      await db.query(
        `UPDATE "public"."workspaces" SET bodies_purged_before = NULL WHERE id IN (SELECT workspace_id FROM "public"."messages" WHERE id = ANY($1::uuid[]))`,
        [ids],
      );
    };
    const row = async (id: string) =>
      (
        await db.query(
          `SELECT html, text, attachment_bytes AS "attachmentBytes",
             (SELECT count(*)::int FROM "public"."message_attachments" WHERE message_id = m.id) AS links,
             (SELECT count(*)::int FROM "public"."message_links" WHERE message_id = m.id) AS "trackedLinks",
             (SELECT count(url)::int FROM "public"."message_events" WHERE message_id = m.id) AS "clickUrls"
           FROM "public"."messages" m WHERE id = $1`,
          [id],
        )
      )[0];
    const stored = async (sha256: string) =>
      Number(
        (await db.query(`SELECT count(*) FROM "public"."attachments" WHERE workspace_id = $1 AND sha256 = $2`, [ws.id, sha256]))[0].count,
      );

    it('removes bodies and attachments past bodiesDays and messages with their events past metadataDays, and keeps the rest', async () => {
      const shared = randomBytes(4000);
      const own = randomBytes(3000);
      const attachment = (filename: string, bytes: Buffer) => ({ filename, content: bytes.toString('base64') });
      const html = '<p>Reset your password: <a href="https://app.example.com/reset?token=secret-1">reset</a></p>';

      const month = await send({
        to: ['ada@example.com'],
        subject: 'Reset your password',
        html,
        text: 'Reset: https://app.example.com/reset?token=secret-1',
        attachments: [attachment('shared.pdf', shared), attachment('own.pdf', own)],
      });
      const delivered = smtp.messages.find((mail) => mail.headers['message-id'] === `<${month}@example.com>`)!;
      const tracked = /href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/.exec(
        mimeParts(delivered.raw.toString('utf8')).get('text/html')!,
      )![1]!;
      await t.http.get(new URL(tracked).pathname).set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0').expect(302);
      await t.app.get(TrackingEventWriter).flush();
      const recent = await send({
        to: ['bob@example.com'],
        subject: 'Your receipt',
        html: '<p>Thanks</p>',
        attachments: [attachment('shared.pdf', shared)],
      });
      const ancient = await send({ to: ['carol@example.com'], subject: 'Welcome', text: 'Hello' });
      expect(await row(month)).toMatchObject({ links: 2, trackedLinks: 1, clickUrls: 1 });

      await ageBy([month], 31);
      await ageBy([ancient], 401);
      // Files used within the last hour may still be waiting for their links (see AttachmentsRepository.dropUnlinked).
      await db.query(`UPDATE "public"."attachments" SET last_used_at = now() - interval '2 hours' WHERE workspace_id = $1`, [ws.id]);

      await pollUntil(
        'the purge of the old message',
        () => get(ancient),
        (response) => response.status === 404,
      );
      await pollUntil(
        'the purge of the month-old body',
        () => row(month),
        (purged) => purged.html === null,
      );

      expect(await row(month)).toEqual({ html: null, text: null, attachmentBytes: 0, links: 0, trackedLinks: 0, clickUrls: 0 });
      const kept = (await get(month).expect(200)).body;
      expect(kept).toMatchObject({ status: 'sent', subject: 'Reset your password', to: [{ email: 'ada@example.com' }], attachments: [] });
      expect(kept.events.map((event: { type: string }) => event.type)).toEqual(['sent', 'click']);
      expect(JSON.stringify(kept)).not.toContain('secret-1');

      expect(await stored(sha256Of(own))).toBe(0);
      expect(await stored(sha256Of(shared))).toBe(1);
      expect((await get(recent).expect(200)).body.attachments).toEqual([expect.objectContaining({ filename: 'shared.pdf' })]);
      expect(await row(recent)).toMatchObject({ html: '<p>Thanks</p>', links: 1 });

      const events = await db.query(`SELECT count(*)::int AS n FROM "public"."message_events" WHERE message_id = $1`, [ancient]);
      expect(events[0].n).toBe(0);
    });

    it('removes files no message ever linked once they are an hour unused', async () => {
      const orphan = randomBytes(1000);
      await db.query(
        `INSERT INTO "public"."attachments" (workspace_id, sha256, size, content, last_used_at) VALUES ($1, $2, $3, $4, now() - interval '2 hours')`,
        [ws.id, sha256Of(orphan), orphan.length, orphan],
      );
      const fresh = randomBytes(1000);
      await db.query(`INSERT INTO "public"."attachments" (workspace_id, sha256, size, content) VALUES ($1, $2, $3, $4)`, [
        ws.id,
        sha256Of(fresh),
        fresh.length,
        fresh,
      ]);
      await pollUntil(
        'the purge of the orphan',
        () => stored(sha256Of(orphan)),
        (count) => count === 0,
      );
      expect(await stored(sha256Of(fresh))).toBe(1);
    });

    it('purges by each workspace’s own setting', async () => {
      const other = await createSendingWorkspace(t, { smtp, name: 'Keeps longer' });
      await t.http
        .patch(`/v1/workspaces/${other.id}`)
        .set(bearer(other.adminKey))
        .send({ retention: { bodiesDays: 60 } })
        .expect(200);
      const accepted = await t.http
        .post(`/v1/workspaces/${other.id}/messages`)
        .set(bearer(other.sendKey))
        .send({ to: ['dan@example.com'], subject: 'Kept', text: 'Still here' })
        .expect(202);
      await watcher.finished([accepted.body.id]);
      await ageBy([accepted.body.id], 45);
      const mine = await send({ to: ['erin@example.com'], subject: 'Purged', text: 'Gone soon' });
      await ageBy([mine], 45);
      await pollUntil(
        'the purge of the 45-day-old body',
        () => row(mine),
        (purged) => purged.text === null,
      );
      expect((await row(accepted.body.id)).text).toBe('Still here');
    });

    it('removes webhook events and processed mailbox reports as old as the messages it removes, and keeps the rest', async () => {
      const event = (id: string, days: number) =>
        db.query(
          `INSERT INTO "public"."webhook_events" (id, workspace_id, type, body, created_at) VALUES ($1, $2, 'message.sent', '{}', now() - make_interval(days => $3))`,
          [id, ws.id, days],
        );
      const report = (key: string, days: number) =>
        db.query(
          `INSERT INTO "public"."processed_mailbox_reports" (integration_id, report_key, processed_at) VALUES ($1, $2, now() - make_interval(days => $3))`,
          [ws.integration.id, key, days],
        );
      const [oldEvent, newEvent] = [randomUUID(), randomUUID()];
      await Promise.all([event(oldEvent, 401), event(newEvent, 1), report('old-report', 401), report('new-report', 1)]);

      const left = async () => ({
        events: (await db.query(`SELECT id FROM "public"."webhook_events" WHERE id = ANY($1::uuid[])`, [[oldEvent, newEvent]])).map(
          (found: { id: string }) => found.id,
        ),
        reports: (
          await db.query(`SELECT report_key FROM "public"."processed_mailbox_reports" WHERE integration_id = $1`, [ws.integration.id])
        ).map((found: { report_key: string }) => found.report_key),
      });
      await pollUntil('the purge of the old event and report', left, (now) => now.events.length === 1 && now.reports.length === 1);
      expect(await left()).toEqual({ events: [newEvent], reports: ['new-report'] });
    });
  });
});

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

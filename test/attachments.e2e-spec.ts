import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeLeaves, mimeParts } from './support/mime-parts';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** A hundred 2 MB sends: a minute or more on a CI machine running other specs beside it, seconds alone. */
const SLOW_TEST_MS = 180_000;

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const base64 = (bytes: Buffer) => bytes.toString('base64');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const png = (size: number) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), randomBytes(size - 8)]);

/** A Windows executable's first bytes: the DOS header pointing at a PE header. */
function windowsExecutable(): Buffer {
  const image = randomBytes(4096);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x80, 0x3c);
  image.write('PE\0\0', 0x80, 'latin1');
  return image;
}

describe('attachments', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true });
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, { smtp });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const message = { to: ['ada@example.com'], subject: 'Your invoice', text: 'Attached.' };
  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.sendKey)).set(headers).send(body);
  const get = async (id: string) => (await t.http.get(`/v1/workspaces/${ws.id}/messages/${id}`).set(bearer(ws.sendKey)).expect(200)).body;
  const count = async (table: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) FROM "public"."${table}" WHERE workspace_id = $1`, [ws.id]))[0].count);

  it('delivers a PDF as an attachment and an image as an inline part the HTML shows by its Content-ID', async () => {
    const invoice = pdf(300_000);
    const logo = png(20_000);
    const accepted = await send({
      ...message,
      html: '<p>Your invoice is attached.</p><img src="cid:logo@acme" alt="Acme">',
      attachments: [
        { filename: 'invoice-2026-001.pdf', content: base64(invoice) },
        { filename: 'logo.png', content: base64(logo), contentId: 'logo@acme' },
      ],
    }).expect(202);
    await watcher.finished([accepted.body.id]);

    const view = await get(accepted.body.id);
    const received = smtp.messages.find((mail) => mail.headers['message-id'] === view.smtp.messageId)!;
    const leaves = mimeLeaves(received.raw.toString('utf8'));
    const attached = leaves.find((leaf) => leaf.headers['content-type']?.startsWith('application/pdf'))!;
    expect(attached.headers['content-disposition']).toBe('attachment; filename=invoice-2026-001.pdf');
    expect(attached.bytes.equals(invoice)).toBe(true);

    const html = mimeParts(received.raw.toString('utf8')).get('text/html')!;
    const cid = /src="cid:([^"]+)"/.exec(html)![1];
    const inline = leaves.find((leaf) => leaf.headers['content-id'] === `<${cid}>`)!;
    expect(inline.headers['content-type']).toMatch(/^image\/png/);
    expect(inline.headers['content-disposition']).toBe('inline; filename=logo.png');
    expect(inline.bytes.equals(logo)).toBe(true);
    // The image belongs with the HTML that shows it (the HTML alternative to the text); the PDF beside both.
    expect(inline.parents).toEqual(['multipart/mixed', 'multipart/alternative', 'multipart/related']);
    expect(attached.parents).toEqual(['multipart/mixed']);

    expect(view.attachments).toEqual([
      { filename: 'invoice-2026-001.pdf', contentType: 'application/pdf', size: invoice.length, sha256: sha256(invoice) },
      { filename: 'logo.png', contentType: 'image/png', size: logo.length, sha256: sha256(logo), contentId: 'logo@acme' },
    ]);
    expect(JSON.stringify(view)).not.toContain(base64(invoice).slice(0, 100));
  });

  it('sends attachments of a batch, each message its own', async () => {
    const [first, second] = [randomBytes(5000), randomBytes(7000)];
    const accepted = await t.http
      .post(`/v1/workspaces/${ws.id}/messages/batch`)
      .set(bearer(ws.sendKey))
      .send({
        messages: [
          { ...message, attachments: [{ filename: 'first.csv', content: base64(first) }] },
          { ...message, attachments: [{ filename: 'second.bin', content: base64(second), contentType: 'application/x-acme' }] },
        ],
      })
      .expect(202);
    const ids = accepted.body.data.map((row: { id: string }) => row.id);
    await watcher.finished(ids);
    const views = await Promise.all(ids.map(get));
    expect(views.map((view) => view.attachments)).toEqual([
      [{ filename: 'first.csv', contentType: 'text/csv', size: 5000, sha256: sha256(first) }],
      [{ filename: 'second.bin', contentType: 'application/x-acme', size: 7000, sha256: sha256(second) }],
    ]);
    const delivered = smtp.messages.find((mail) => mail.headers['message-id'] === views[1].smtp.messageId)!;
    const part = mimeLeaves(delivered.raw.toString('utf8')).find((leaf) => leaf.headers['content-type']?.startsWith('application/x-acme'))!;
    expect(part.bytes.equals(second)).toBe(true);
  });

  it('names files by their last path segment, without control or invisible characters, typed by their extension', async () => {
    const accepted = await send({
      ...message,
      attachments: [
        { filename: 'C:\\Users\\ada\\Reports\\q3\u0007 report.xlsx', content: base64(randomBytes(100)) },
        { filename: '../../etc/notes\u202E.txt', content: base64(Buffer.from('notes')) },
      ],
    }).expect(202);
    const view = await get(accepted.body.id);
    expect(view.attachments.map(({ filename, contentType }: { filename: string; contentType: string }) => [filename, contentType])).toEqual(
      [
        ['q3 report.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['notes.txt', 'text/plain'],
      ],
    );
  });

  it(
    'stores a file sent in 100 messages once',
    async () => {
      const handbook = pdf(2 * MiB);
      const body = { ...message, attachments: [{ filename: 'handbook.pdf', content: base64(handbook) }] };
      const before = await count('attachments');
      const ids: string[] = [];
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(Array.from({ length: 10 }, () => send(body).expect(202)));
        ids.push(...answers.map((answer) => answer.body.id as string));
      }
      expect(await count('attachments')).toBe(before + 1);
      const [{ size }] = await t.app
        .get(DataSource)
        .query(`SELECT octet_length(content) AS size FROM "public"."attachments" WHERE workspace_id = $1 AND sha256 = $2`, [
          ws.id,
          sha256(handbook),
        ]);
      expect(size).toBe(handbook.length);
      const links = await t.app
        .get(DataSource)
        .query(`SELECT count(DISTINCT message_id)::int AS n FROM "public"."message_attachments" WHERE workspace_id = $1 AND sha256 = $2`, [
          ws.id,
          sha256(handbook),
        ]);
      expect(links[0].n).toBe(100);
      expect((await get(ids[99]!)).attachments[0].sha256).toBe(sha256(handbook));
    },
    SLOW_TEST_MS,
  );

  describe('limits', () => {
    it('answers 413 naming the limit for 21 files', async () => {
      const files = Array.from({ length: 21 }, (_, index) => ({
        filename: `page-${index}.txt`,
        content: base64(Buffer.from(`page ${index}`)),
      }));
      const response = await send({ ...message, attachments: files }).expect(413);
      expect(response.body.message).toMatch(/attachments: 21 files; a message may carry at most 20 \(MESSAGE_MAX_ATTACHMENTS\)/);
    });

    it('answers 413 naming the limit for 11 MB of attachments', async () => {
      const response = await send({
        ...message,
        attachments: [
          { filename: 'part-1.pdf', content: base64(pdf(6 * MiB)) },
          { filename: 'part-2.pdf', content: base64(pdf(5 * MiB)) },
        ],
      }).expect(413);
      expect(response.body.message).toMatch(
        /attachments: 11534336 bytes decoded; a message may carry at most 10485760 \(MESSAGE_MAX_ATTACHMENT_BYTES\)/,
      );
    });

    it('takes exactly 10 MiB', async () => {
      await send({ ...message, attachments: [{ filename: 'archive.zip', content: base64(randomBytes(10 * MiB)) }] }).expect(202);
    });

    it('answers 413 naming the limit, never 500, for a body larger than a send may be', async () => {
      const huge = 'A'.repeat(25 * MiB);
      for (const path of ['messages', 'messages/batch']) {
        const response = await t.http
          .post(`/v1/workspaces/${ws.id}/${path}`)
          .set(bearer(ws.sendKey))
          .set('Content-Type', 'application/json')
          .send(`{"to":["ada@example.com"],"subject":"Big","text":"x","attachments":[{"filename":"big.bin","content":"${huge}"}]}`)
          .expect(413);
        expect(response.body.message).toMatch(/larger than the \d+ bytes a send takes.*MESSAGE_MAX_ATTACHMENT_BYTES/);
      }
    });

    it('keeps the body limit of other routes', async () => {
      await t.http
        .post(`/v1/workspaces/${ws.id}/contacts`)
        .set(bearer(ws.adminKey))
        .set('Content-Type', 'application/json')
        .send(`{"email":"ada@example.com","attributes":{"notes":"${'x'.repeat(11 * MiB)}"}}`)
        .expect(413);
    });
  });

  describe('refusals', () => {
    it.each([
      ['an .exe', { filename: 'setup.exe', content: base64(randomBytes(100)) }, /attachments\[0\] \(setup.exe\): files of type .exe/],
      ['a script under a second extension', { filename: 'invoice.pdf.js', content: base64(Buffer.from('alert(1)')) }, /\.js/],
      ['an executable type', { filename: 'invoice', content: base64(randomBytes(10)), contentType: 'application/x-msdownload' }, /\.exe/],
      [
        'an executable renamed',
        { filename: 'invoice.pdf', content: base64(windowsExecutable()) },
        /\(invoice.pdf\): its content is an executable/,
      ],
      [
        'a trailing dot Windows drops',
        { filename: 'run.bat.', content: base64(Buffer.from('@echo off')) },
        /\(run.bat\): files of type .bat/,
      ],
    ])('refuses %s with 422 naming the attachment', async (_, attachment, reason) => {
      const response = await send({ ...message, attachments: [attachment] }).expect(422);
      expect(response.body.message[0]).toMatch(reason);
      expect(response.body.message[0]).toMatch(/^attachments\[0\]/);
    });

    it('answers 400 naming the attachment whose content is not base64', async () => {
      const valid = { filename: 'a.txt', content: base64(Buffer.from('a')) };
      const response = await send({ ...message, attachments: [valid, valid, { filename: 'c.txt', content: 'not base64!' }] }).expect(400);
      expect(response.body.message).toEqual([expect.stringMatching(/^attachments\[2\]\.content must be base64/)]);
    });

    it('names the message of a batch whose attachment is refused', async () => {
      const response = await t.http
        .post(`/v1/workspaces/${ws.id}/messages/batch`)
        .set(bearer(ws.sendKey))
        .send({ messages: [message, { ...message, attachments: [{ filename: 'x.scr', content: base64(randomBytes(10)) }] }] })
        .expect(422);
      expect(response.body.message[0]).toMatch(/^messages\[1\]\.attachments\[0\] \(x.scr\)/);
    });

    it.each([
      [{ filename: '../', content: '' }, /attachments\[0\]\.filename has nothing left/],
      [{ filename: 'a.txt', content: '', contentType: 'text/plain\r\nBcc: x@y.z' }, /contentType must be a MIME type/],
      [{ filename: 'a.png', content: '', contentId: '<logo>' }, /contentId must be 1-250 visible ASCII characters/],
      [{ content: '' }, /filename/],
    ])('answers 400 for %j', async (attachment, reason) => {
      const response = await send({ ...message, attachments: [attachment] }).expect(400);
      expect(response.body.message.join(' ')).toMatch(reason);
    });

    it('answers 400 for two inline parts with one Content-ID', async () => {
      const logo = { filename: 'logo.png', content: base64(png(100)), contentId: 'logo' };
      const response = await send({ ...message, attachments: [logo, logo] }).expect(400);
      expect(response.body.message[0]).toMatch(/attachments\[1\]\.contentId logo is already the Content-ID of attachments\[0\]/);
    });
  });

  it('holds an Idempotency-Key to the same attachments: the same files answer with the first message, others are a 422', async () => {
    const body = { ...message, attachments: [{ filename: 'receipt.pdf', content: base64(pdf(1000)) }] };
    const first = await send(body, { 'Idempotency-Key': 'receipt-77' }).expect(202);
    const again = await send(body, { 'Idempotency-Key': 'receipt-77' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await send(
      { ...body, attachments: [{ filename: 'receipt.pdf', content: base64(pdf(1000)) }] },
      { 'Idempotency-Key': 'receipt-77' },
    ).expect(422);
    expect(other.body.message[0]).toMatch(/Idempotency-Key was already used for a different request/);
  });
});

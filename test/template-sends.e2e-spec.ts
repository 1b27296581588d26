import { TemplateResolver } from '@app/templates';
import { trustedWorkspaceId } from '@app/workspace-id';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpMessage, FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const PUBLIC_BASE_URL = 'https://mail.example.test';
const UNTRACKED = { opens: false, clicks: false };
const RESET = {
  key: 'password-reset',
  name: 'Password reset',
  subject: 'Reset your password, {{ data.name }}',
  html: '<p>Hello {{ to.name | default: data.name }},</p>\n<p><a href="{{ data.url }}">Reset it</a> for {{ to.email }}.</p>',
  text: 'Hello {{ data.name }}, reset it at {{ data.url }} ({{ to.email }}).',
};

describe('sending by stored template, through the SMTP sink', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: SendingWorkspace;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL } });
    watcher = await DeliveryWatcher.start(t);
  });
  beforeEach(async () => {
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: true, marketing: true }, senders: [{ name: 'Support', email: 'support@example.com' }] },
    });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const createTemplate = async (body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(api('/templates'))
        .set(bearer(ws.adminKey))
        .send({ ...RESET, ...body })
        .expect(201)
    ).body as { id: string; key: string };
  const send = (body: Record<string, unknown>, key = ws.sendKey) => t.http.post(api('/messages')).set(bearer(key)).send(body);
  /** Sends, waits until the sink has the mail, and gives it. */
  const delivered = async (body: Record<string, unknown>): Promise<FakeSmtpMessage> => {
    const accepted = await send(body).expect(202);
    await watcher.finished([accepted.body.id]);
    return mailFor(accepted.body.id);
  };
  const mailFor = async (messageId: string): Promise<FakeSmtpMessage> => {
    const message = await t.http
      .get(api(`/messages/${messageId}`))
      .set(bearer(ws.sendKey))
      .expect(200);
    expect(message.body.status).toBe('sent');
    const mail = smtp.messages.find((candidate) => candidate.headers['message-id'] === message.body.smtp.messageId);
    if (!mail) throw new Error(`message ${messageId} is not at the sink`);
    return mail;
  };
  const parts = (mail: FakeSmtpMessage) => mimeParts(mail.raw.toString('utf8'));

  it('sends by key with data: the mail shows the data, and the message its rendered subject', async () => {
    await createTemplate();
    const accepted = await send({
      to: [{ email: 'Ada@Example.com', name: 'Ada L.' }, 'bob@example.com'],
      template: { key: 'password-reset', data: { name: 'Ada', url: 'https://app.example.com/reset?t=1&u=2' } },
      tracking: UNTRACKED,
    }).expect(202);
    await watcher.finished([accepted.body.id]);
    const mail = await mailFor(accepted.body.id);
    expect(mail.envelope.rcptTo).toEqual(['ada@example.com', 'bob@example.com']);
    expect(mail.headers.subject).toBe('Reset your password, Ada');
    // The first `to` recipient is the template's `to`; data in HTML is escaped.
    expect(parts(mail).get('text/html')).toBe(
      '<p>Hello Ada L.,</p>\n<p><a href="https://app.example.com/reset?t=1&amp;u=2">Reset it</a> for ada@example.com.</p>',
    );
    expect(parts(mail).get('text/plain')).toBe('Hello Ada, reset it at https://app.example.com/reset?t=1&u=2 (ada@example.com).');
    const message = await t.http
      .get(api(`/messages/${accepted.body.id}`))
      .set(bearer(ws.sendKey))
      .expect(200);
    expect(message.body.subject).toBe('Reset your password, Ada');
  });

  it('uses the new version for the next send once the template changes, and the old one when a send names it', async () => {
    const template = await createTemplate();
    const data = { name: 'Ada', url: 'https://app.example.com/r' };
    const first = await delivered({ to: ['ada@example.com'], template: { key: RESET.key, data } });
    expect(parts(first).get('text/plain')).toBe('Hello Ada, reset it at https://app.example.com/r (ada@example.com).');

    await t.http
      .patch(api(`/templates/${template.id}`))
      .set(bearer(ws.adminKey))
      .send({ text: 'Version two for {{ data.name }}.' })
      .expect(200);
    const second = await delivered({ to: ['ada@example.com'], template: { key: RESET.key, data } });
    expect(parts(second).get('text/plain')).toBe('Version two for Ada.');
    const old = await delivered({ to: ['ada@example.com'], template: { key: RESET.key, version: 1, data } });
    expect(parts(old).get('text/plain')).toBe('Hello Ada, reset it at https://app.example.com/r (ada@example.com).');
  });

  it('delivers what the preview shows', async () => {
    const template = await createTemplate();
    const data = { name: 'Grace', url: 'https://app.example.com/g' };
    const to = { email: 'grace@example.com', name: 'Grace H.' };
    const preview = await t.http
      .post(api(`/templates/${template.id}/preview`))
      .set(bearer(ws.sendKey))
      .send({ data, to })
      .expect(200);
    const mail = await delivered({ to: [to], template: { key: RESET.key, data }, tracking: UNTRACKED });
    expect({ subject: mail.headers.subject, html: parts(mail).get('text/html'), text: parts(mail).get('text/plain') }).toEqual(
      preview.body,
    );
  });

  it('refuses a send that lacks a variable of a strict template, naming it, and sends it blank when not strict', async () => {
    await createTemplate({ key: 'strict-reset', strict: true });
    const refused = await send({ to: ['ada@example.com'], template: { key: 'strict-reset', data: { name: 'Ada' } } }).expect(422);
    expect(refused.body.message).toEqual([
      'template.data: "strict-reset" version 1 is strict and its html uses data.url (line 2, column 16), which is not given',
    ]);

    await createTemplate();
    const blank = await delivered({ to: ['ada@example.com'], template: { key: RESET.key, data: { name: 'Ada' } } });
    expect(parts(blank).get('text/plain')).toBe('Hello Ada, reset it at  (ada@example.com).');
  });

  it.each([
    [{ subject: 'Inline too' }, 'template: give either template or subject, html and text, not both'],
    [{ html: '<p>Inline</p>' }, 'template: give either template or subject, html and text, not both'],
  ])('refuses a template given with inline content (%j) with 400', async (inline, message) => {
    await createTemplate();
    const refused = await send({ to: ['ada@example.com'], template: { key: RESET.key }, ...inline }).expect(400);
    expect(refused.body.message).toEqual([message]);
  });

  it.each([
    [{ key: 'Not A Key' }, 'template.key must be a slug: lowercase letters and digits, with - or _ between them (e.g. password-reset)'],
    [{ key: 'password-reset', version: 0 }, 'template.version must not be less than 1'],
    [{ key: 'password-reset', data: ['not', 'an', 'object'] }, 'template.data must be an object'],
  ])('refuses a malformed template reference %j with 400 naming the field', async (template, message) => {
    const refused = await send({ to: ['ada@example.com'], template }).expect(400);
    expect(refused.body.message).toContain(message);
  });

  it("refuses an unknown key, an unknown version and another workspace's key with 422 naming them", async () => {
    await createTemplate();
    const key = await send({ to: ['ada@example.com'], template: { key: 'welcome' } }).expect(422);
    expect(key.body.message).toEqual(['template.key: this workspace has no template "welcome"']);
    const version = await send({ to: ['ada@example.com'], template: { key: RESET.key, version: 2 } }).expect(422);
    expect(version.body.message).toEqual(['template.version: template "password-reset" has no version 2 (its latest is 1)']);

    const other = await createWorkspace(t, 'Other');
    await t.http
      .post(`/v1/workspaces/${other.id}/templates`)
      .set(bearer(other.adminKey))
      .send({ ...RESET, key: 'theirs' })
      .expect(201);
    const theirs = await send({ to: ['ada@example.com'], template: { key: 'theirs' } }).expect(422);
    expect(theirs.body.message).toEqual(['template.key: this workspace has no template "theirs"']);
  });

  it('sends a batch by templates, each message rendered with its own data, beside inline content', async () => {
    await createTemplate();
    await createTemplate({
      key: 'receipt',
      subject: 'Receipt {{ data.order }}',
      html: null,
      text: 'Order {{ data.order }} for {{ to.email }}',
    });
    const messages = [
      ...Array.from({ length: 20 }, (_, index) => ({
        to: [`reset${index}@example.com`],
        template: { key: RESET.key, data: { name: `Person ${index}`, url: `https://app.example.com/r/${index}` } },
      })),
      ...Array.from({ length: 20 }, (_, index) => ({
        to: [`buyer${index}@example.com`],
        template: { key: 'receipt', data: { order: 1000 + index } },
      })),
      { to: ['inline@example.com'], subject: 'Inline', text: 'Written in the request' },
    ];
    const accepted = await t.http.post(api('/messages/batch')).set(bearer(ws.sendKey)).send({ messages }).expect(202);
    const ids = accepted.body.data.map((message: { id: string }) => message.id);
    await watcher.finished(ids);
    expect(parts(await mailFor(ids[7])).get('text/plain')).toBe(
      'Hello Person 7, reset it at https://app.example.com/r/7 (reset7@example.com).',
    );
    const receipt = await mailFor(ids[33]);
    expect(receipt.headers.subject).toBe('Receipt 1013');
    expect(parts(receipt).get('text/plain')).toBe('Order 1013 for buyer13@example.com');
    expect((await mailFor(ids[40])).headers.subject).toBe('Inline');
  });

  it('refuses a whole batch in which a template cannot be used, naming each message, and accepts nothing of it', async () => {
    await createTemplate({ strict: true });
    const refused = await t.http
      .post(api('/messages/batch'))
      .set(bearer(ws.sendKey))
      .send({
        messages: [
          { to: ['ok@example.com'], template: { key: RESET.key, data: { name: 'Ok', url: 'https://x.test' } } },
          { to: ['lacks@example.com'], template: { key: RESET.key, data: { name: 'Lacks url' } } },
          { to: ['unknown@example.com'], template: { key: 'unknown' } },
        ],
      })
      .expect(422);
    expect(refused.body.message).toEqual(['messages[2].template.key: this workspace has no template "unknown"']);
    const strict = await t.http
      .post(api('/messages/batch'))
      .set(bearer(ws.sendKey))
      .send({
        messages: [
          { to: ['ok@example.com'], template: { key: RESET.key, data: { name: 'Ok', url: 'https://x.test' } } },
          { to: ['lacks@example.com'], template: { key: RESET.key, data: { name: 'Lacks url' } } },
        ],
      })
      .expect(422);
    expect(strict.body.message).toEqual([
      expect.stringMatching(/^messages\[1\]\.template\.data: "password-reset" version 1 is strict and its html uses data\.url/),
    ]);
    expect((await t.http.get(api('/messages')).set(bearer(ws.sendKey)).expect(200)).body.data).toEqual([]);
  });

  it('parses each template version once, however many messages use it', async () => {
    await createTemplate();
    const resolver = t.app.get(TemplateResolver);
    const references = Array.from({ length: 500 }, (_, index) => ({ key: RESET.key, version: index % 2 === 0 ? 1 : undefined }));
    const resolved = await resolver.resolve(trustedWorkspaceId(ws.id), references);
    const found = new Set(resolved.map((answer) => ('found' in answer ? answer.found : null)));
    expect(found.size).toBe(1);
    const again = await resolver.resolve(trustedWorkspaceId(ws.id), [{ key: RESET.key }]);
    expect(again[0]).toEqual({ found: [...found][0] });
    expect((again[0] as { found: unknown }).found).toBe([...found][0]);
  });

  it('answers a repeat with the same Idempotency-Key with the first message, even after the template changed', async () => {
    const template = await createTemplate();
    const body = { to: ['ada@example.com'], template: { key: RESET.key, data: { name: 'Ada', url: 'https://x.test' } } };
    const first = await send(body).set('Idempotency-Key', 'reset-ada-1').expect(202);
    await t.http
      .patch(api(`/templates/${template.id}`))
      .set(bearer(ws.adminKey))
      .send({ subject: 'Changed' })
      .expect(200);
    const repeat = await send(body).set('Idempotency-Key', 'reset-ada-1').expect(200);
    expect(repeat.body.id).toBe(first.body.id);
    const different = await send({ ...body, template: { ...body.template, data: { name: 'Eve' } } })
      .set('Idempotency-Key', 'reset-ada-1')
      .expect(422);
    expect(different.body.message).toEqual(['Idempotency-Key was already used for a different request']);
  });

  it('gives a marketing message the unsubscribe link of its List-Unsubscribe header', async () => {
    await createTemplate({ key: 'news', subject: 'News', html: '<p>News</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>', text: null });
    const mail = await delivered({ type: 'marketing', to: ['reader@example.com'], template: { key: 'news' } });
    const header = /^<([^>]+)>$/.exec(mail.headers['list-unsubscribe']!)![1];
    expect(header).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/u/`));
    expect(parts(mail).get('text/html')).toContain(`<a href="${header}">Unsubscribe</a>`);
  });

  it('sends a test of a template to one address, marked as a test, untracked, and audited', async () => {
    const template = await createTemplate();
    const accepted = await t.http
      .post(api(`/templates/${template.id}/test`))
      .set(bearer(ws.adminKey))
      .send({ to: 'me@example.com', data: { name: 'Me', url: 'https://x.test/me' } })
      .expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
    await watcher.finished([accepted.body.id]);
    const mail = await mailFor(accepted.body.id);
    expect(mail.envelope.rcptTo).toEqual(['me@example.com']);
    expect(mail.headers.subject).toBe('[Test] Reset your password, Me');
    expect(parts(mail).get('text/plain')).toBe('Hello Me, reset it at https://x.test/me (me@example.com).');
    const message = await t.http
      .get(api(`/messages/${accepted.body.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(message.body).toMatchObject({ tracking: { opens: false, clicks: false } });
    const audit = await t.http.get(api('/audit')).set(bearer(ws.adminKey)).expect(200);
    expect(audit.body.data[0]).toMatchObject({
      action: 'template.test_sent',
      target: `template:${template.id}`,
      details: { key: RESET.key, version: 1, to: 'me@example.com', messageId: accepted.body.id },
    });
  });
});

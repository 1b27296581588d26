import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAX_TEMPLATE_LENGTH } from '@app/templating';
import { createContact, createList } from './support/contact-factory';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { CreatedWorkspace } from './support/workspace-factory';

// The 115-byte subject that rendered 90 MB in 3 s before rendering had limits.
const NESTED_LOOPS = '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';

describe('broadcast templates', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let ws: CreatedWorkspace;
  let listId: string;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true });
  });
  beforeEach(async () => {
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: true, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    listId = (await createList(t, ws)).id;
    for (const email of ['ada@example.com', 'grace@example.com']) {
      const contact = await createContact(t, ws, { email, firstName: email.split('@')[0] });
      await t.http
        .post(api(`/lists/${listId}/contacts`))
        .set(admin())
        .send({ contactIds: [contact.id] })
        .expect((response) => expect(response.status).toBeLessThan(300));
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const admin = () => bearer(ws.adminKey);
  const create = (body: Record<string, unknown>) =>
    t.http
      .post(api('/broadcasts'))
      .set(admin())
      .send({ name: 'Spring', listId, subject: 'Hi', html: '<p>Hi</p>', ...body });

  async function sendUntilStopped(id: string) {
    await t.http
      .post(api(`/broadcasts/${id}/send`))
      .set(admin())
      .send({})
      .expect(200);
    // The worker writes the status in another module; nothing announces it.
    const view = async () =>
      (
        await t.http
          .get(api(`/broadcasts/${id}`))
          .set(admin())
          .expect(200)
      ).body;
    return pollUntil(`broadcast ${id} to stop sending`, view, (current) => current.status !== 'sending', { intervalMs: 50 });
  }
  const messages = async () =>
    (await t.http.get(api('/messages')).set(admin()).expect(200)).body.data as Array<{ subject: string; status: string }>;

  it.each([
    ['subject', 'include', { subject: "Hi {% include '.mailroom.local.json' %}" }],
    ['html', 'render', { html: "<p>{% render 'package.json' %}</p>" }],
    ['text', 'layout', { text: "{% layout 'package.json' %}" }],
  ])('refuses at save a %s with the {%% %s %%} tag: 400 naming the field and the tag', async (field, tag, body) => {
    const response = await create(body).expect(400);
    expect(response.body.message).toEqual([
      expect.stringMatching(new RegExp(`^${field}: the \\{% ${tag} %\\} tag is not allowed: templates cannot read files`)),
    ]);
    expect((await t.http.get(api('/broadcasts')).set(admin()).expect(200)).body.data).toEqual([]);
  });

  it('refuses at save a body longer than the template limit: 400 naming the field', async () => {
    const response = await create({ html: 'x'.repeat(MAX_TEMPLATE_LENGTH + 1) }).expect(400);
    expect(response.body.message).toEqual([expect.stringMatching(/^html must be shorter than or equal to 2097152 characters/)]);
  });

  it('fails a draft stored before file tags were refused, with the reason, reading no file', async () => {
    const id = randomUUID();
    // Straight into the table, as a draft saved before the fix would be.
    await t.app.get(DataSource).query(
      `INSERT INTO "public"."broadcasts" (id, workspace_id, name, list_id, subject, html, text, status)
       VALUES ($1, $2, 'Old draft', $3, $4, $5, $6, 'draft')`,
      [id, ws.id, listId, "Hi {% include 'package.json' %}", "<p>{% render 'package.json' %}</p>", "{% layout 'package.json' %}"],
    );
    const view = await sendUntilStopped(id);
    expect(view).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/^subject: the \{% include %\} tag is not allowed: templates cannot read files/),
    });
    expect(view.finishedAt).not.toBeNull();
    const made = await messages();
    expect(made).toEqual([]);
    expect(JSON.stringify(made)).not.toContain('mailroom');
  });

  it('fails a broadcast whose subject breaks the rendered length limit, making no message', async () => {
    const broadcast = (await create({ subject: NESTED_LOOPS }).expect(201)).body;
    const view = await sendUntilStopped(broadcast.id);
    expect(view).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/^subject: rendered output is longer than 998 characters/),
      counts: { recipients: 0 },
    });
    expect(await messages()).toEqual([]);
  });

  it('fails a broadcast whose body breaks a render limit at fan-out, before any message is made', async () => {
    const before = smtp.messages.length;
    const broadcast = (await create({ subject: 'Body limit', html: `<p>${NESTED_LOOPS}</p>` }).expect(201)).body;
    const view = await sendUntilStopped(broadcast.id);
    expect(view).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/^html: (template render limit exceeded|rendered output is longer than)/),
    });
    expect(await messages()).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it('fails a broadcast when one contact makes the subject too long', async () => {
    await createContact(t, ws, { email: 'long@example.com', firstName: 'n'.repeat(200) }).then((contact) =>
      t.http
        .post(api(`/lists/${listId}/contacts`))
        .set(admin())
        .send({ contactIds: [contact.id] }),
    );
    const broadcast = (await create({ subject: '{% for i in (1..5) %}{{ contact.first_name }}{% endfor %}' }).expect(201)).body;
    const view = await sendUntilStopped(broadcast.id);
    expect(view).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/^subject: rendered output is longer than 998 characters/),
    });
    expect(await messages()).toEqual([]);
  });

  it('fails, without retrying, the one message whose contact makes its body break a limit at delivery', async () => {
    const members = (await t.http.get(api('/contacts?limit=10')).set(admin()).expect(200)).body.data as Array<{
      id: string;
      email: string;
    }>;
    // Fan-out renders the first member's body by contact id; the other one's body breaks the limit.
    const [, last] = [...members].sort((a, b) => (a.id < b.id ? -1 : 1));
    await t.http
      .patch(api(`/contacts/${last!.id}`))
      .set(admin())
      .send({ attributes: { blob: 'b'.repeat(15_000) } })
      .expect(200);
    const broadcast = (
      await create({ subject: 'Per contact', html: '<p>{% for i in (1..300) %}{{ contact.attributes.blob }}{% endfor %}</p>' }).expect(201)
    ).body;
    await t.http
      .post(api(`/broadcasts/${broadcast.id}/send`))
      .set(admin())
      .send({})
      .expect(200);
    // The worker writes the statuses; nothing announces them.
    const made = await pollUntil(
      'both messages sent or failed',
      async () =>
        (await t.http.get(api('/messages')).set(admin()).expect(200)).body.data as Array<{
          id: string;
          status: string;
          to: Array<{ email: string }>;
        }>,
      (current) => current.length === 2 && current.every((message) => message.status === 'sent' || message.status === 'failed'),
      { intervalMs: 50 },
    );
    const failed = made.find((message) => message.to[0]!.email === last!.email)!;
    expect(made.find((message) => message !== failed)).toMatchObject({ status: 'sent' });
    const detail = (
      await t.http
        .get(api(`/messages/${failed.id}`))
        .set(admin())
        .expect(200)
    ).body;
    expect(detail).toMatchObject({
      status: 'failed',
      error: { code: 'template_render_failed', message: expect.stringMatching(/^html: rendered output is longer than/) },
    });
    expect(detail.events.filter((event: { type: string }) => event.type === 'retry')).toEqual([]);
  });
});

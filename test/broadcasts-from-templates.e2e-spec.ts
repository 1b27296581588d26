import { createContact, createList } from './support/contact-factory';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { pollUntil } from './support/poll-until';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const PUBLIC_BASE_URL = 'https://mail.example.test';
const NEWS = {
  key: 'monthly-news',
  name: 'Monthly news',
  subject: 'News for {{ contact.first_name }} [{{ data.marker }}]',
  html: '<p>Dear {{ to.name }} ({{ to.email }}, {{ contact.attributes.city }})</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
  text: 'Version 1 for {{ contact.first_name }}. Unsubscribe: {{ unsubscribe_url }}',
};

describe('broadcasts made from stored templates', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let ws: SendingWorkspace;
  let listId: string;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL } });
  });
  beforeEach(async () => {
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: true, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    listId = (await createList(t, ws)).id;
    const ada = await createContact(t, ws, {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: { city: 'London' },
    });
    await t.http
      .post(api(`/lists/${listId}/contacts`))
      .set(admin())
      .send({ contactIds: [ada.id] })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const admin = () => bearer(ws.adminKey);
  const createTemplate = async (body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(api('/templates'))
        .set(admin())
        .send({ ...NEWS, ...body })
        .expect(201)
    ).body as { id: string };
  const createBroadcast = (body: Record<string, unknown>) =>
    t.http
      .post(api('/broadcasts'))
      .set(admin())
      .send({ name: 'Spring', listId, ...body });
  /** Sends the broadcast and gives the mail its one member got. */
  const sendAndReceive = async (broadcastId: string) => {
    await t.http
      .post(api(`/broadcasts/${broadcastId}/send`))
      .set(admin())
      .send({})
      .expect(200);
    await pollUntil(
      `broadcast ${broadcastId} sent`,
      async () => (await t.http.get(api(`/broadcasts/${broadcastId}`)).set(admin())).body,
      (view) => view.status === 'sent',
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const [newest] = (await t.http.get(api('/messages?to=ada@example.com')).set(admin())).body.data;
    const message = (await t.http.get(api(`/messages/${newest.id}`)).set(admin())).body;
    const mail = smtp.messages.find((candidate) => candidate.headers['message-id'] === message.smtp.messageId);
    if (!mail) throw new Error(`message ${newest.id} is not at the sink`);
    return mail;
  };

  it('copies the template into the draft, and renders it per member with contact, to and a working unsubscribe link', async () => {
    const template = await createTemplate();
    const created = await createBroadcast({ templateId: template.id }).expect(201);
    expect(created.body).toMatchObject({
      templateId: template.id,
      templateVersion: null,
      subject: NEWS.subject,
      html: NEWS.html,
      text: NEWS.text,
    });

    const mail = await sendAndReceive(created.body.id);
    expect(mail.headers.subject).toBe('News for Ada []');
    const html = mimeParts(mail.raw.toString('utf8')).get('text/html')!;
    const unsubscribe = /^<([^>]+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!;
    expect(html).toContain('<p>Dear Ada Lovelace (ada@example.com, London)</p>');
    expect(html).toContain(`<a href="${unsubscribe}">Unsubscribe</a>`);
    await t.http.post(new URL(unsubscribe).pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
  });

  it('sends what the latest version says when it is sent, or the version it names', async () => {
    const template = await createTemplate();
    const latest = await createBroadcast({ templateId: template.id }).expect(201);
    const pinned = await createBroadcast({ name: 'Pinned', templateId: template.id, templateVersion: 1 }).expect(201);
    await t.http
      .patch(api(`/templates/${template.id}`))
      .set(admin())
      .send({ text: 'Version 2 for {{ contact.first_name }}.' })
      .expect(200);

    const sentLatest = await sendAndReceive(latest.body.id);
    expect(mimeParts(sentLatest.raw.toString('utf8')).get('text/plain')).toBe('Version 2 for Ada.');
    const view = await t.http
      .get(api(`/broadcasts/${latest.body.id}`))
      .set(admin())
      .expect(200);
    expect(view.body).toMatchObject({ templateId: template.id, templateVersion: null, text: 'Version 2 for {{ contact.first_name }}.' });

    const sentPinned = await sendAndReceive(pinned.body.id);
    expect(mimeParts(sentPinned.raw.toString('utf8')).get('text/plain')).toMatch(/^Version 1 for Ada\. Unsubscribe: https:\/\//);
  });

  it('refuses a template of another workspace, an unknown version, and a template given with inline content', async () => {
    const template = await createTemplate();
    const other = await createWorkspace(t, 'Other');
    const theirs = (await t.http.post(`/v1/workspaces/${other.id}/templates`).set(bearer(other.adminKey)).send(NEWS).expect(201)).body;
    const foreign = await createBroadcast({ templateId: theirs.id }).expect(422);
    expect(foreign.body.message).toEqual([`templateId: this workspace has no template ${theirs.id}`]);
    const version = await createBroadcast({ templateId: template.id, templateVersion: 4 }).expect(422);
    expect(version.body.message).toEqual(['templateVersion: template "monthly-news" has no version 4 (its latest is 1)']);
    const both = await createBroadcast({ templateId: template.id, subject: 'Inline' }).expect(400);
    expect(both.body.message).toEqual(['templateId: give either templateId or subject, html and text, not both']);
    const alone = await createBroadcast({ subject: 'Inline', text: 'x', templateVersion: 1 }).expect(400);
    expect(alone.body.message).toEqual(['templateVersion: only with templateId']);
    const neither = await createBroadcast({}).expect(400);
    expect(neither.body.message).toContain('subject must be a string');
  });

  it('makes a draft its own when its content is changed by hand, and keeps the copy when the template is deleted', async () => {
    const template = await createTemplate();
    const draft = (await createBroadcast({ templateId: template.id }).expect(201)).body;
    const own = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ subject: 'Written by hand' })
      .expect(200);
    expect(own.body).toMatchObject({ templateId: null, templateVersion: null, subject: 'Written by hand', text: NEWS.text });

    const again = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ templateId: template.id, templateVersion: 1 })
      .expect(200);
    expect(again.body).toMatchObject({ templateId: template.id, templateVersion: 1, subject: NEWS.subject });

    await t.http
      .delete(api(`/templates/${template.id}`))
      .set(admin())
      .expect(204);
    const kept = await t.http
      .get(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .expect(200);
    expect(kept.body).toMatchObject({ templateId: null, subject: NEWS.subject, text: NEWS.text });
  });
});

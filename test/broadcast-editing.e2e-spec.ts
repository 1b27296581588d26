import { createContact, createList } from './support/contact-factory';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { dashboardSession, invitePerson } from './support/people';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const PUBLIC_BASE_URL = 'https://mail.example.test';

describe('editing a broadcast: drafts, previews and test sends', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let ws: CreatedWorkspace;
  let listId: string;
  let ada: { id: string };

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL } });
  });
  beforeEach(async () => {
    ws = await createSendingWorkspace(t, {
      smtp,
      integration: { usage: { transactional: false, marketing: true }, senders: [{ name: 'News', email: 'news@example.com' }] },
    });
    listId = (await createList(t, ws)).id;
    ada = await createContact(t, ws, { email: 'ada@example.com', firstName: 'Ada', lastName: '<Lovelace>', attributes: { plan: 'pro' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const admin = () => bearer(ws.adminKey);
  const createDraft = async (body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(api('/broadcasts'))
        .set(admin())
        .send({ name: 'Spring', listId, subject: 'Hi {{ contact.first_name }}', html: '<p>Hi</p>', text: 'Hi', ...body })
        .expect(201)
    ).body as { id: string };
  const preview = (body: Record<string, unknown>) => t.http.post(api('/broadcasts/preview')).set(admin()).send(body);

  it('changes what a draft says, keeping what the change leaves out', async () => {
    const draft = await createDraft();
    const changed = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ subject: 'Spring is here, {{ contact.first_name }}', text: null, from: { email: 'news@example.com', name: 'The News' } })
      .expect(200);
    expect(changed.body).toMatchObject({
      name: 'Spring',
      listId,
      subject: 'Spring is here, {{ contact.first_name }}',
      html: '<p>Hi</p>',
      text: null,
      from: { email: 'news@example.com', name: 'The News' },
      status: 'draft',
    });
  });

  it('refuses a change that breaks the draft, naming the field and line, and keeps the draft as it was', async () => {
    const draft = await createDraft();
    const broken = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ html: '<p>\n{% if contact.first_name %}' })
      .expect(400);
    expect(broken.body.message).toEqual([expect.stringMatching(/^html: tag \{% if contact.first_name %\} not closed, line:2/)]);
    const empty = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ html: null, text: null })
      .expect(400);
    expect(empty.body.message).toEqual(['html or text is required']);
    const kept = await t.http
      .get(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .expect(200);
    expect(kept.body).toMatchObject({ html: '<p>Hi</p>', text: 'Hi' });
  });

  it('refuses to change a broadcast once it is sent', async () => {
    const draft = await createDraft();
    await t.http
      .post(api(`/broadcasts/${draft.id}/send`))
      .set(admin())
      .send({ scheduledAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(200);
    const refused = await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .send({ subject: 'Too late' })
      .expect(422);
    expect(refused.body.message).toEqual(['status: cannot change a broadcast that is scheduled (only when draft)']);
  });

  it('previews unsaved content for a chosen contact, as the send would render it, storing nothing', async () => {
    const response = await preview({
      subject: 'Hi {{ contact.first_name }}',
      html: '<p>{{ contact.last_name }} on {{ contact.attributes.plan }}</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
      text: 'Dear {{ contact.first_name }}',
      contactId: ada.id,
    }).expect(200);
    expect(response.body).toEqual({
      subject: 'Hi Ada',
      html: `<p>&lt;Lovelace&gt; on pro</p><a href="${PUBLIC_BASE_URL}/u/preview">Unsubscribe</a>`,
      text: 'Dear Ada',
      contact: { id: ada.id, email: 'ada@example.com' },
      errors: [],
    });
    expect((await t.http.get(api('/broadcasts')).set(admin()).expect(200)).body.data).toEqual([]);
  });

  it("reports every field's Liquid error with its line and column, and renders the fields that have none", async () => {
    const response = await preview({
      subject: 'Hi {{ contact.first_name | shout }}',
      html: '<p>Hello</p>\n<p>\n  {% if contact.first_name %}',
      text: 'Dear {{ contact.first_name }}',
      contactId: ada.id,
    }).expect(200);
    expect(response.body).toMatchObject({ subject: null, html: null, text: 'Dear Ada' });
    expect(response.body.errors).toEqual([
      { field: 'subject', line: 1, column: 4, message: expect.stringMatching(/^subject: undefined filter: shout/) },
      { field: 'html', line: 3, column: 3, message: expect.stringMatching(/^html: tag \{% if contact.first_name %\} not closed/) },
    ]);
  });

  it("previews with empty contact fields without a contact, and finds no other workspace's contact", async () => {
    const blank = await preview({ subject: 'Hi {{ contact.first_name }}!', text: '{{ contact.email }}' }).expect(200);
    expect(blank.body).toEqual({ subject: 'Hi !', html: null, text: '', contact: null, errors: [] });

    const other = await createWorkspace(t, 'Other');
    const theirs = await createContact(t, other, { email: 'theirs@example.com', firstName: 'Secret' });
    const refused = await preview({ subject: 'Hi {{ contact.first_name }}', contactId: theirs.id }).expect(404);
    expect(refused.body.message).toBe(`Contact ${theirs.id} not found`);
  });

  it('sends a test of the saved draft to one address, rendered for the contact, untracked and outside the broadcast', async () => {
    const draft = await createDraft({
      subject: 'Hello {{ contact.first_name }} [test-send]',
      html: '<p>Dear {{ contact.first_name }} {{ contact.last_name }}</p><a href="https://example.com/offer">Offer</a>',
    });
    const before = smtp.messages.length;
    const accepted = await t.http
      .post(api(`/broadcasts/${draft.id}/test`))
      .set(admin())
      .send({ to: 'me@example.com', contactId: ada.id })
      .expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });

    const mail = (await smtp.waitForMessages(before + 1, 10_000))[before];
    expect(mail!.envelope.rcptTo).toEqual(['me@example.com']);
    expect(mail!.headers.subject).toBe('[Test] Hello Ada [test-send]');
    expect(mail!.headers['list-unsubscribe']).toBeUndefined();
    const html = mimeParts(mail!.raw.toString('utf8')).get('text/html')!;
    expect(html).toBe('<p>Dear Ada &lt;Lovelace&gt;</p><a href="https://example.com/offer">Offer</a>');

    const view = await t.http
      .get(api(`/broadcasts/${draft.id}`))
      .set(admin())
      .expect(200);
    expect(view.body).toMatchObject({ status: 'draft', counts: { recipients: 0, sent: 0 } });
    const message = await t.http
      .get(api(`/messages/${accepted.body.id}`))
      .set(admin())
      .expect(200);
    expect(message.body).toMatchObject({ tracking: { opens: false, clicks: false } });
    const audit = await t.http.get(api('/audit')).set(admin()).expect(200);
    expect(audit.body.data[0]).toMatchObject({
      action: 'broadcast.test_sent',
      target: `broadcast:${draft.id}`,
      details: { name: 'Spring', to: 'me@example.com', messageId: accepted.body.id },
    });
  });

  it('needs a marketing integration for a test send', async () => {
    ws = await createWorkspace(t, 'Cannot send');
    listId = (await createList(t, ws)).id;
    const draft = await createDraft();
    const refused = await t.http
      .post(api(`/broadcasts/${draft.id}/test`))
      .set(admin())
      .send({ to: 'me@example.com' })
      .expect(422);
    expect(refused.body.message).toEqual(['no integration of this workspace serves marketing mail; set usage.marketing on one']);
  });

  it('lets a viewer preview, but not change a draft or send a test', async () => {
    const draft = await createDraft();
    const viewer = await dashboardSession(t, await invitePerson(t, ws, 'viewer'));
    await t.http.post(api('/broadcasts/preview')).set(viewer).send({ subject: 'Hi', contactId: ada.id }).expect(200);
    await t.http
      .patch(api(`/broadcasts/${draft.id}`))
      .set(viewer)
      .send({ subject: 'Mine' })
      .expect(403);
    await t.http
      .post(api(`/broadcasts/${draft.id}/test`))
      .set(viewer)
      .send({ to: 'me@example.com' })
      .expect(403);
  });
});

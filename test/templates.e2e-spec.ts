import { dashboardSession, invitePerson } from './support/people';
import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const WELCOME = {
  key: 'welcome',
  name: 'Welcome',
  subject: 'Welcome, {{ data.name }}',
  html: '<p>Hi {{ data.name }},</p>\n<p>your plan is {{ data.plan }}.</p>',
  text: 'Hi {{ data.name }}, your plan is {{ data.plan }}.',
};

describe('stored templates: versions, previews and who may change them', () => {
  let t: TestApp;
  let ws: SendingWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createSendingWorkspace(t);
  });
  afterAll(() => t.close());

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const admin = () => bearer(ws.adminKey);
  const create = async (body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(api('/templates'))
        .set(admin())
        .send({ ...WELCOME, ...body })
        .expect(201)
    ).body as { id: string; version: number };
  const change = (id: string, body: Record<string, unknown>) =>
    t.http
      .patch(api(`/templates/${id}`))
      .set(admin())
      .send(body);

  it('stores a template as its version 1 and finds it by id and by key', async () => {
    const created = await create();
    expect(created).toEqual({
      id: expect.any(String),
      ...WELCOME,
      strict: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const one = await t.http
      .get(api(`/templates/${created.id}`))
      .set(admin())
      .expect(200);
    expect(one.body).toEqual(created);
    const byKey = await t.http.get(api('/templates?key=welcome')).set(admin()).expect(200);
    expect(byKey.body).toEqual({ data: [created], nextCursor: null });
    const none = await t.http.get(api('/templates?key=goodbye')).set(admin()).expect(200);
    expect(none.body).toEqual({ data: [], nextCursor: null });
  });

  it('lists templates by key, a page at a time', async () => {
    for (const key of ['c-receipt', 'a-reset', 'b-invite']) await create({ key });
    const first = await t.http.get(api('/templates?limit=2')).set(admin()).expect(200);
    expect(first.body.data.map((template: { key: string }) => template.key)).toEqual(['a-reset', 'b-invite']);
    const second = await t.http
      .get(api(`/templates?limit=2&cursor=${first.body.nextCursor}`))
      .set(admin())
      .expect(200);
    expect(second.body).toEqual({ data: [expect.objectContaining({ key: 'c-receipt' })], nextCursor: null });
    await t.http.get(api('/templates?cursor=%E2%9C%93')).set(admin()).expect(400);
  });

  it.each([
    [{ key: 'Password Reset' }, 'key must be a slug: lowercase letters and digits, with - or _ between them (e.g. password-reset)'],
    [{ key: '-reset' }, 'key must be a slug: lowercase letters and digits, with - or _ between them (e.g. password-reset)'],
    [{ name: '' }, 'name should not be empty'],
    [{ subject: 'Hi\r\nBcc: x@y.z' }, 'subject must not contain line breaks'],
    [{ strict: 'yes' }, 'strict must be a boolean value'],
  ])('refuses %j with 400 naming the field', async (body, message) => {
    const refused = await t.http
      .post(api('/templates'))
      .set(admin())
      .send({ ...WELCOME, ...body })
      .expect(400);
    expect(refused.body.message).toContain(message);
  });

  it('refuses a second template with the same key in the workspace, but not in another workspace', async () => {
    await create();
    const conflict = await t.http.post(api('/templates')).set(admin()).send(WELCOME).expect(409);
    expect(conflict.body.message).toBe('key: this workspace already has a template "welcome"');
    const other = await createWorkspace(t, 'Other');
    await t.http.post(`/v1/workspaces/${other.id}/templates`).set(bearer(other.adminKey)).send(WELCOME).expect(201);
  });

  it("refuses Liquid that does not parse when saved, naming the field and line, with the broadcasts' engine and sandbox", async () => {
    const broken = await t.http
      .post(api('/templates'))
      .set(admin())
      .send({ ...WELCOME, html: '<p>Hi</p>\n{% if data.name %}\n<p>…' })
      .expect(400);
    expect(broken.body.message).toEqual([expect.stringMatching(/^html: tag \{% if data.name %\} not closed, line:2, col:1/)]);
    const filter = await t.http
      .post(api('/templates'))
      .set(admin())
      .send({ ...WELCOME, subject: 'Hi {{ data.name | shout }}' })
      .expect(400);
    expect(filter.body.message).toEqual([expect.stringMatching(/^subject: undefined filter: shout, line:1, col:4/)]);
    const include = await t.http
      .post(api('/templates'))
      .set(admin())
      .send({ ...WELCOME, text: "Hi {% include '.mailroom.local.json' %}" })
      .expect(400);
    expect(include.body.message).toEqual([
      expect.stringMatching(/^text: the \{% include %\} tag is not allowed: templates cannot read files/),
    ]);
    const empty = await t.http
      .post(api('/templates'))
      .set(admin())
      .send({ ...WELCOME, html: undefined, text: undefined })
      .expect(400);
    expect(empty.body.message).toEqual(['html or text is required']);
    expect((await t.http.get(api('/templates')).set(admin()).expect(200)).body.data).toEqual([]);
  });

  it('makes each change a new immutable version, and a change that changes nothing none', async () => {
    const created = await create();
    const second = await change(created.id, { subject: 'Hello {{ data.name }}', text: null }).expect(200);
    expect(second.body).toMatchObject({ version: 2, subject: 'Hello {{ data.name }}', html: WELCOME.html, text: null });
    const third = await change(created.id, { strict: true }).expect(200);
    expect(third.body).toMatchObject({ version: 3, strict: true });
    const same = await change(created.id, { strict: true, name: 'Welcome' }).expect(200);
    expect(same.body.version).toBe(3);

    const versions = await t.http
      .get(api(`/templates/${created.id}/versions`))
      .set(admin())
      .expect(200);
    expect(
      versions.body.data.map((version: { version: number; subject: string; strict: boolean }) => [
        version.version,
        version.subject,
        version.strict,
      ]),
    ).toEqual([
      [3, 'Hello {{ data.name }}', true],
      [2, 'Hello {{ data.name }}', false],
      [1, 'Welcome, {{ data.name }}', false],
    ]);
    const first = await t.http
      .get(api(`/templates/${created.id}/versions/1`))
      .set(admin())
      .expect(200);
    expect(first.body).toEqual({
      templateId: created.id,
      version: 1,
      name: 'Welcome',
      subject: WELCOME.subject,
      html: WELCOME.html,
      text: WELCOME.text,
      strict: false,
      createdAt: expect.any(String),
    });
    const paged = await t.http
      .get(api(`/templates/${created.id}/versions?limit=2`))
      .set(admin())
      .expect(200);
    const rest = await t.http
      .get(api(`/templates/${created.id}/versions?limit=2&cursor=${paged.body.nextCursor}`))
      .set(admin())
      .expect(200);
    expect(rest.body).toEqual({ data: [expect.objectContaining({ version: 1 })], nextCursor: null });
  });

  it('refuses a change that breaks the template, naming the field and line, and keeps the latest version as it was', async () => {
    const created = await create();
    const broken = await change(created.id, { text: 'line one\n{% for x in data.items %}' }).expect(400);
    expect(broken.body.message).toEqual([expect.stringMatching(/^text: tag \{% for x in data.items %\} not closed, line:2/)]);
    const removed = await change(created.id, { html: null, text: null }).expect(400);
    expect(removed.body.message).toEqual(['html or text is required']);
    const key = await change(created.id, { key: 'other' }).expect(400);
    expect(key.body.message).toEqual(['property key should not exist']);
    const kept = await t.http
      .get(api(`/templates/${created.id}`))
      .set(admin())
      .expect(200);
    expect(kept.body).toMatchObject({ version: 1, text: WELCOME.text });
  });

  it('restores an old version as a new one with the old content', async () => {
    const created = await create();
    await change(created.id, { subject: 'Second {{ data.name }}', strict: true }).expect(200);
    const restored = await t.http
      .post(api(`/templates/${created.id}/versions/1/restore`))
      .set(admin())
      .expect(200);
    expect(restored.body).toMatchObject({ version: 3, subject: WELCOME.subject, strict: false, html: WELCOME.html });
    const versions = await t.http
      .get(api(`/templates/${created.id}/versions`))
      .set(admin())
      .expect(200);
    expect(versions.body.data.map((version: { version: number }) => version.version)).toEqual([3, 2, 1]);
    const missing = await t.http
      .post(api(`/templates/${created.id}/versions/9/restore`))
      .set(admin())
      .expect(404);
    expect(missing.body.message).toBe(`Template ${created.id} has no version 9`);
    await t.http
      .get(api(`/templates/${created.id}/versions/first`))
      .set(admin())
      .expect(404);
  });

  it('previews the latest version or a named one with data and a recipient', async () => {
    const created = await create();
    await change(created.id, { subject: 'Hello {{ data.name }} <{{ to.email }}>' }).expect(200);
    const preview = await t.http
      .post(api(`/templates/${created.id}/preview`))
      .set(admin())
      .send({ data: { name: 'Ada', plan: '<pro>' }, to: { email: 'ada@example.com', name: 'Ada' } })
      .expect(200);
    expect(preview.body).toEqual({
      subject: 'Hello Ada <ada@example.com>',
      html: '<p>Hi Ada,</p>\n<p>your plan is &lt;pro&gt;.</p>',
      text: 'Hi Ada, your plan is <pro>.',
    });
    const old = await t.http
      .post(api(`/templates/${created.id}/preview`))
      .set(admin())
      .send({ data: { name: 'Ada' }, version: 1 })
      .expect(200);
    expect(old.body).toEqual({ subject: 'Welcome, Ada', html: '<p>Hi Ada,</p>\n<p>your plan is .</p>', text: 'Hi Ada, your plan is .' });
  });

  it('answers 422 naming the variable, field and line when a strict template lacks data, and renders it blank otherwise', async () => {
    const lenient = await create({ key: 'lenient' });
    const blank = await t.http
      .post(api(`/templates/${lenient.id}/preview`))
      .set(admin())
      .send({ data: { name: 'Ada' } })
      .expect(200);
    expect(blank.body.text).toBe('Hi Ada, your plan is .');

    const strict = await create({ key: 'strict', strict: true });
    const refused = await t.http
      .post(api(`/templates/${strict.id}/preview`))
      .set(admin())
      .send({ data: { name: 'Ada' } })
      .expect(422);
    expect(refused.body.message).toEqual([
      'template.data: "strict" version 1 is strict and its html uses data.plan (line 2, column 20), which is not given',
    ]);
  });

  it('answers 422 naming the field and line when a render reaches a limit', async () => {
    const loops = await create({ key: 'loops', text: 'ok\n{% for a in (1..1000000000) %}{% endfor %}' });
    const refused = await t.http
      .post(api(`/templates/${loops.id}/preview`))
      .set(admin())
      .send({ data: { name: 'Ada' } })
      .expect(422);
    expect(refused.body.message).toEqual([
      expect.stringMatching(/^template: "loops" version 1 cannot be rendered: text: memory alloc limit exceeded, line:2/),
    ]);
  });

  it('previews unsaved content with every Liquid problem at its field and line, strict or not, storing nothing', async () => {
    const preview = await t.http
      .post(api('/templates/preview'))
      .set(admin())
      .send({
        subject: 'Hi {{ data.name }}',
        html: '<p>\n{% if data.name %}',
        text: 'Plan: {{ data.plan }}',
        strict: true,
        data: { name: 'Ada' },
        to: 'ada@example.com',
      })
      .expect(200);
    expect(preview.body).toEqual({
      subject: 'Hi Ada',
      html: null,
      text: null,
      errors: [
        { field: 'html', line: 2, column: 1, message: expect.stringMatching(/^html: tag \{% if data.name %\} not closed/) },
        { field: 'text', line: 1, column: 10, message: expect.stringMatching(/^text: undefined variable: data.plan/) },
      ],
    });
    expect((await t.http.get(api('/templates')).set(admin()).expect(200)).body.data).toEqual([]);
  });

  it('deletes a template with its versions', async () => {
    const created = await create();
    await t.http
      .delete(api(`/templates/${created.id}`))
      .set(admin())
      .expect(204);
    await t.http
      .get(api(`/templates/${created.id}`))
      .set(admin())
      .expect(404);
    await t.http
      .get(api(`/templates/${created.id}/versions/1`))
      .set(admin())
      .expect(404);
    await t.http
      .delete(api(`/templates/${created.id}`))
      .set(admin())
      .expect(404);
    await create();
  });

  it('records creation, changes, restores and deletion in the audit log', async () => {
    const created = await create();
    await change(created.id, { subject: 'Changed' }).expect(200);
    await t.http
      .post(api(`/templates/${created.id}/versions/1/restore`))
      .set(admin())
      .expect(200);
    await t.http
      .delete(api(`/templates/${created.id}`))
      .set(admin())
      .expect(204);
    const audit = await t.http.get(api('/audit')).set(admin()).expect(200);
    const target = `template:${created.id}`;
    expect(
      audit.body.data
        .filter((event: { target: string }) => event.target === target)
        .map((event: { action: string; details: unknown }) => [event.action, event.details]),
    ).toEqual([
      ['template.deleted', { key: 'welcome' }],
      ['template.restored', { key: 'welcome', version: 3, restoredVersion: 1 }],
      ['template.updated', { key: 'welcome', version: 2 }],
      ['template.created', { key: 'welcome', version: 1 }],
    ]);
  });

  it("finds no other workspace's template by id", async () => {
    const other = await createWorkspace(t, 'Other');
    const theirs = (await t.http.post(`/v1/workspaces/${other.id}/templates`).set(bearer(other.adminKey)).send(WELCOME).expect(201)).body;
    const notFound = `Template ${theirs.id} not found`;
    expect(
      (
        await t.http
          .get(api(`/templates/${theirs.id}`))
          .set(admin())
          .expect(404)
      ).body.message,
    ).toBe(notFound);
    await change(theirs.id, { subject: 'Mine' }).expect(404);
    await t.http
      .get(api(`/templates/${theirs.id}/versions`))
      .set(admin())
      .expect(404);
    await t.http
      .get(api(`/templates/${theirs.id}/versions/1`))
      .set(admin())
      .expect(404);
    await t.http
      .post(api(`/templates/${theirs.id}/versions/1/restore`))
      .set(admin())
      .expect(404);
    await t.http
      .post(api(`/templates/${theirs.id}/preview`))
      .set(admin())
      .send({ data: {} })
      .expect(404);
    await t.http
      .post(api(`/templates/${theirs.id}/test`))
      .set(admin())
      .send({ to: 'me@example.com', data: {} })
      .expect(404);
    await t.http
      .delete(api(`/templates/${theirs.id}`))
      .set(admin())
      .expect(404);
    expect((await t.http.get(api('/templates?key=welcome')).set(admin()).expect(200)).body.data).toEqual([]);
    await t.http.get(api('/templates/not-a-uuid')).set(admin()).expect(404);
  });

  it('lets a viewer read and preview, a member change, and a send key read, preview and test but not change', async () => {
    const created = await create();
    const viewer = await dashboardSession(t, await invitePerson(t, ws, 'viewer'));
    await t.http.get(api('/templates')).set(viewer).expect(200);
    await t.http
      .get(api(`/templates/${created.id}/versions/1`))
      .set(viewer)
      .expect(200);
    await t.http
      .post(api(`/templates/${created.id}/preview`))
      .set(viewer)
      .send({ data: {} })
      .expect(200);
    await t.http.post(api('/templates/preview')).set(viewer).send({ subject: 'Hi', text: 'x' }).expect(200);
    await t.http
      .post(api('/templates'))
      .set(viewer)
      .send({ ...WELCOME, key: 'mine' })
      .expect(403);
    await t.http
      .patch(api(`/templates/${created.id}`))
      .set(viewer)
      .send({ name: 'Mine' })
      .expect(403);
    await t.http
      .post(api(`/templates/${created.id}/versions/1/restore`))
      .set(viewer)
      .expect(403);
    await t.http
      .post(api(`/templates/${created.id}/test`))
      .set(viewer)
      .send({ to: 'me@example.com' })
      .expect(403);
    await t.http
      .delete(api(`/templates/${created.id}`))
      .set(viewer)
      .expect(403);

    const member = await dashboardSession(t, await invitePerson(t, ws, 'member'));
    await t.http
      .patch(api(`/templates/${created.id}`))
      .set(member)
      .send({ name: 'Renamed' })
      .expect(200);

    const send = bearer(ws.sendKey);
    await t.http
      .get(api(`/templates/${created.id}`))
      .set(send)
      .expect(200);
    await t.http
      .post(api(`/templates/${created.id}/preview`))
      .set(send)
      .send({ data: {} })
      .expect(200);
    await t.http
      .post(api(`/templates/${created.id}/test`))
      .set(send)
      .send({ to: 'me@example.com' })
      .expect(202);
    const refused = await t.http
      .post(api('/templates'))
      .set(send)
      .send({ ...WELCOME, key: 'from-a-key' })
      .expect(403);
    expect(refused.body.message).toMatch(/needs admin/);
    await t.http
      .delete(api(`/templates/${created.id}`))
      .set(send)
      .expect(403);
  });
});

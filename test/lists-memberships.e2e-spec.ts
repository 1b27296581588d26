import { createContact, createList } from './support/contact-factory';
import { listPaths } from './support/list-paths';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('List memberships', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const { lists, members } = listPaths(() => ws);

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('adds contacts by id, counting those already on the list', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com' });
    const bob = await createContact(t, ws, { email: 'bob@example.com' });

    const first = await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [ada.id] })
      .expect(200);
    expect(first.body).toEqual({ added: 1, alreadyMembers: 0, duplicates: 0, contactsCreated: 0, rejected: [] });
    const second = await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [ada.id, bob.id, bob.id] })
      .expect(200);
    expect(second.body).toEqual({ added: 1, alreadyMembers: 1, duplicates: 1, contactsCreated: 0, rejected: [] });

    const got = await t.http
      .get(lists(`/${list.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(got.body.counts).toEqual({ subscribed: 2, unsubscribed: 0 });
  });

  it('adds 10,000 new addresses in one request', async () => {
    const list = await createList(t, ws);
    const emails = Array.from({ length: 10_000 }, (_, index) => `subscriber${index}@example.com`);

    const started = performance.now();
    const response = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails }).expect(200);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`bulk add of 10,000 new emails to a list: ${ms} ms\n`);

    expect(response.body).toEqual({ added: 10_000, alreadyMembers: 0, duplicates: 0, contactsCreated: 10_000, rejected: [] });
    const got = await t.http
      .get(lists(`/${list.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(got.body.counts).toEqual({ subscribed: 10_000, unsubscribed: 0 });

    const again = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails }).expect(200);
    expect(again.body).toMatchObject({ added: 0, alreadyMembers: 10_000, contactsCreated: 0 });
  });

  it('lets concurrent bulk adds of overlapping addresses all succeed, creating each contact once', async () => {
    const list = await createList(t, ws);
    const emails = Array.from({ length: 6000 }, (_, index) => `overlap${index}@example.com`);
    const add = (batch: string[]) => t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails: batch });
    const responses = await Promise.all([add(emails.slice(0, 4000)), add(emails.slice(2000).reverse()), add([...emails].reverse())]);

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(responses.reduce((sum, response) => sum + response.body.contactsCreated, 0)).toBe(6000);
    expect(responses.reduce((sum, response) => sum + response.body.added, 0)).toBe(6000);
    const got = await t.http
      .get(lists(`/${list.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(got.body.counts).toEqual({ subscribed: 6000, unsubscribed: 0 });
  });

  it('refuses more than 10,000 entries, and both or neither of contactIds and emails', async () => {
    const list = await createList(t, ws);
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `s${index}@example.com`);
    const big = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails: tooMany }).expect(400);
    expect(big.body.message).toContain('emails must contain no more than 10000 elements');

    const contact = await createContact(t, ws, { email: 'ada@example.com' });
    const both = await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [contact.id], emails: ['b@example.com'] })
      .expect(400);
    expect(both.body.message).toContain('give either contactIds or emails, not both');
    const neither = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({}).expect(400);
    expect(neither.body.message).toContain('contactIds or emails is required');
    const badId = await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: ['nope'] })
      .expect(400);
    expect(badId.body.message).toContain('each value in contactIds must be a UUID');
  });

  it('reports invalid and duplicate addresses, creates missing contacts, and never re-subscribes an unsubscribed member', async () => {
    const list = await createList(t, ws);
    const existing = await createContact(t, ws, { email: 'existing@example.com', firstName: 'Kept' });
    const member = await createContact(t, ws, { email: 'member@example.com' });
    const leaver = await createContact(t, ws, { email: 'leaver@example.com' });
    await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [member.id, leaver.id] })
      .expect(200);
    await t.http
      .patch(members(list, `/${leaver.id}`))
      .set(bearer(ws.adminKey))
      .send({ status: 'unsubscribed' })
      .expect(200);

    const response = await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({
        emails: [
          'new@example.com',
          'NEW@example.com',
          ' Existing@Example.com ',
          'member@example.com',
          'leaver@example.com',
          'not-an-email',
          '',
          'a@b',
          'evil@example.com\r\nBcc: x@example.com',
        ],
      })
      .expect(200);
    expect(response.body).toEqual({
      added: 2,
      alreadyMembers: 2,
      duplicates: 1,
      contactsCreated: 1,
      rejected: [
        { email: 'not-an-email', reason: 'not a valid email address' },
        { email: '', reason: 'email is empty' },
        { email: 'a@b', reason: 'not a valid email address' },
        { email: 'evil@example.com\r\nBcc: x@example.com', reason: 'not a valid email address' },
      ],
    });

    const page = await t.http.get(members(list)).query({ limit: 100 }).set(bearer(ws.adminKey)).expect(200);
    const byEmail = Object.fromEntries(
      page.body.data.map((m: { email: string; status: string; firstName: string | null }) => [m.email, m]),
    );
    expect(Object.keys(byEmail).sort()).toEqual(['existing@example.com', 'leaver@example.com', 'member@example.com', 'new@example.com']);
    expect(byEmail['leaver@example.com']).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(String) });
    expect(byEmail['existing@example.com']).toMatchObject({ contactId: existing.id, firstName: 'Kept', status: 'subscribed' });
  });

  it('pages through members by contact id with their status, and filters by status', async () => {
    const list = await createList(t, ws);
    const emails = Array.from({ length: 25 }, (_, index) => `m${index}@example.com`);
    await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails }).expect(200);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: { data: Array<{ contactId: string; status: string }>; nextCursor: string | null } } = await t.http
        .get(members(list))
        .query({ limit: 10, ...(cursor ? { cursor } : {}) })
        .set(bearer(ws.adminKey))
        .expect(200);
      ids.push(...response.body.data.map((member) => member.contactId));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(25);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(25);

    await t.http
      .patch(members(list, `/${ids[3]}`))
      .set(bearer(ws.adminKey))
      .send({ status: 'unsubscribed' })
      .expect(200);
    const unsubscribed = await t.http.get(members(list)).query({ status: 'unsubscribed' }).set(bearer(ws.adminKey)).expect(200);
    expect(unsubscribed.body.data.map((member: { contactId: string }) => member.contactId)).toEqual([ids[3]]);
    const bad = await t.http.get(members(list)).query({ status: 'bounced' }).set(bearer(ws.adminKey)).expect(400);
    expect(bad.body.message).toContain('status must be one of the following values: subscribed, unsubscribed');
  });

  it('unsubscribes and re-subscribes a member, keeping counts, and removes one', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com', firstName: 'Ada' });
    await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [ada.id] })
      .expect(200);

    const off = await t.http
      .patch(members(list, `/${ada.id}`))
      .set(bearer(ws.adminKey))
      .send({ status: 'unsubscribed' })
      .expect(200);
    expect(off.body).toMatchObject({
      contactId: ada.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      status: 'unsubscribed',
      unsubscribedAt: expect.any(String),
    });
    const again = await t.http
      .patch(members(list, `/${ada.id}`))
      .set(bearer(ws.adminKey))
      .send({ status: 'unsubscribed' })
      .expect(200);
    expect(again.body.unsubscribedAt).toBe(off.body.unsubscribedAt);
    expect((await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey))).body.counts).toEqual({ subscribed: 0, unsubscribed: 1 });

    const on = await t.http
      .patch(members(list, `/${ada.id}`))
      .set(bearer(ws.adminKey))
      .send({ status: 'subscribed' })
      .expect(200);
    expect(on.body).toMatchObject({ status: 'subscribed', unsubscribedAt: null });

    await t.http
      .delete(members(list, `/${ada.id}`))
      .set(bearer(ws.adminKey))
      .expect(204);
    await t.http
      .delete(members(list, `/${ada.id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
    await t.http.get(`/v1/workspaces/${ws.id}/contacts/${ada.id}`).set(bearer(ws.adminKey)).expect(200);
  });

  it('drops memberships when a contact is deleted', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com' });
    await t.http
      .post(members(list))
      .set(bearer(ws.adminKey))
      .send({ contactIds: [ada.id] })
      .expect(200);
    await t.http.delete(`/v1/workspaces/${ws.id}/contacts/${ada.id}`).set(bearer(ws.adminKey)).expect(204);
    expect((await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey))).body.counts).toEqual({ subscribed: 0, unsubscribed: 0 });
  });
});

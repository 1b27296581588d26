import { createContact, createList } from './support/contact-factory';
import { listPaths } from './support/list-paths';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('Lists', () => {
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

  it('creates, lists, gets, renames and deletes a list, with member counts', async () => {
    const created = await t.http.post(lists()).set(bearer(ws.adminKey)).send({ name: 'Newsletter', description: 'Monthly' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Newsletter', description: 'Monthly', counts: { subscribed: 0, unsubscribed: 0 } });
    const id = created.body.id;

    const all = await t.http.get(lists()).set(bearer(ws.adminKey)).expect(200);
    expect(all.body).toEqual({ data: [expect.objectContaining({ id, name: 'Newsletter' })], nextCursor: null });

    await t.http
      .patch(lists(`/${id}`))
      .set(bearer(ws.adminKey))
      .send({ name: 'News', description: null })
      .expect(200);
    const got = await t.http
      .get(lists(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(got.body).toMatchObject({ id, name: 'News', description: null });

    await t.http
      .delete(lists(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(204);
    await t.http
      .get(lists(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
  });

  it.each([
    ['a missing name', {}, 'name must be a string'],
    ['CR/LF in the name', { name: 'News\r\nletter' }, 'name must not contain line breaks'],
  ])('rejects %s with a 400 naming the field', async (_, body, message) => {
    const response = await t.http.post(lists()).set(bearer(ws.adminKey)).send(body).expect(400);
    expect(response.body.message).toContain(message);
  });

  it('documents contacts, lists, members and the CSV import in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/workspaces/{ws}/contacts',
        '/v1/workspaces/{ws}/contacts/{id}',
        '/v1/workspaces/{ws}/lists',
        '/v1/workspaces/{ws}/lists/{id}',
        '/v1/workspaces/{ws}/lists/{id}/contacts',
        '/v1/workspaces/{ws}/lists/{id}/contacts/{contactId}',
        '/v1/workspaces/{ws}/lists/{id}/import',
      ]),
    );
    const upsert = body.paths['/v1/workspaces/{ws}/contacts'].post;
    expect(Object.keys(upsert.responses)).toEqual(expect.arrayContaining(['200', '201']));
    const add = body.paths['/v1/workspaces/{ws}/lists/{id}/contacts'].post;
    expect(add.requestBody.content['application/json'].schema.$ref).toMatch(/AddListContactsDto$/);
    expect(add.responses['200'].content['application/json'].schema.$ref).toMatch(/AddListContactsResponse$/);
    const importOp = body.paths['/v1/workspaces/{ws}/lists/{id}/import'].post;
    expect(Object.keys(importOp.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(importOp.responses)).toEqual(expect.arrayContaining(['200', '413', '415']));
  });

  describe('across workspaces', () => {
    let other: CreatedWorkspace;
    beforeEach(async () => {
      other = await createWorkspace(t, 'Other');
    });

    it("answers 404 for another workspace's list, whatever the action", async () => {
      const list = await createList(t, ws);
      const contact = await createContact(t, ws, { email: 'ada@example.com' });
      await t.http
        .post(members(list))
        .set(bearer(ws.adminKey))
        .send({ contactIds: [contact.id] })
        .expect(200);
      const theirs = `/v1/workspaces/${other.id}/lists/${list.id}`;
      const key = bearer(other.adminKey);

      await t.http.get(theirs).set(key).expect(404);
      await t.http.patch(theirs).set(key).send({ name: 'Hijacked' }).expect(404);
      await t.http.get(`${theirs}/contacts`).set(key).expect(404);
      await t.http
        .post(`${theirs}/contacts`)
        .set(key)
        .send({ emails: ['x@example.com'] })
        .expect(404);
      await t.http.patch(`${theirs}/contacts/${contact.id}`).set(key).send({ status: 'unsubscribed' }).expect(404);
      await t.http.delete(`${theirs}/contacts/${contact.id}`).set(key).expect(404);
      await t.http.post(`${theirs}/import`).set(key).set('Content-Type', 'text/csv').send('email\nx@example.com\n').expect(404);
      await t.http.delete(theirs).set(key).expect(404);
      const listed = await t.http.get(`/v1/workspaces/${other.id}/lists`).set(key).expect(200);
      expect(listed.body.data).toEqual([]);

      const mine = await t.http
        .get(lists(`/${list.id}`))
        .set(bearer(ws.adminKey))
        .expect(200);
      expect(mine.body).toMatchObject({ name: 'Newsletter', counts: { subscribed: 1, unsubscribed: 0 } });
      expect((await t.http.get(`/v1/workspaces/${other.id}/contacts`).set(key)).body.data).toEqual([]);
    });

    it("refuses another workspace's contact ids with 404 and adds none of the batch", async () => {
      const myList = await createList(t, ws);
      const mine = await createContact(t, ws, { email: 'mine@example.com' });
      const theirs = await createContact(t, other, { email: 'theirs@example.com' });

      const response = await t.http
        .post(members(myList))
        .set(bearer(ws.adminKey))
        .send({ contactIds: [mine.id, theirs.id] })
        .expect(404);
      expect(response.body.message).toBe(`Contacts not found: ${theirs.id}; nothing was added`);
      const got = await t.http
        .get(lists(`/${myList.id}`))
        .set(bearer(ws.adminKey))
        .expect(200);
      expect(got.body.counts).toEqual({ subscribed: 0, unsubscribed: 0 });
    });

    it('gives each workspace its own contact for the same address added by email', async () => {
      const myList = await createList(t, ws);
      const theirs = await createContact(t, other, { email: 'shared@example.com', firstName: 'Theirs' });
      const response = await t.http
        .post(members(myList))
        .set(bearer(ws.adminKey))
        .send({ emails: ['shared@example.com'] })
        .expect(200);
      expect(response.body).toMatchObject({ added: 1, contactsCreated: 1 });
      const page = await t.http.get(members(myList)).set(bearer(ws.adminKey)).expect(200);
      expect(page.body.data[0].contactId).not.toBe(theirs.id);
      expect(page.body.data[0].firstName).toBeNull();
    });
  });
});

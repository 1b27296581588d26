import { createContact } from './support/contact-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('Contacts', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const path = (suffix = '') => `/v1/workspaces/${ws.id}/contacts${suffix}`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('creates a contact with 201, storing the address lowercased', async () => {
    const created = await createContact(t, ws, { email: 'Ada@Example.COM', firstName: 'Ada', attributes: { plan: 'free' } });
    expect(created).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', lastName: null, attributes: { plan: 'free' } });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('upserts by address in any case: 200, one contact, given fields updated and attributes merged', async () => {
    const created = await createContact(t, ws, {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Byron',
      attributes: { plan: 'free', city: 'London' },
    });
    const again = await t.http
      .post(path())
      .set(bearer(ws.adminKey))
      .send({ email: 'ADA@example.com', lastName: 'Lovelace', attributes: { plan: 'pro' } })
      .expect(200);
    expect(again.body).toMatchObject({
      id: created.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: { plan: 'pro', city: 'London' },
    });
    const list = await t.http.get(path()).set(bearer(ws.adminKey)).expect(200);
    expect(list.body.data).toHaveLength(1);
  });

  it('gets, patches and deletes a contact', async () => {
    const created = await createContact(t, ws, {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: { plan: 'pro', city: 'London' },
    });
    await t.http
      .get(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);

    const patched = await t.http
      .patch(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .send({ email: 'Countess@Example.com', lastName: null, attributes: { city: null, title: 'Countess' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      email: 'countess@example.com',
      firstName: 'Ada',
      lastName: null,
      attributes: { plan: 'pro', title: 'Countess' },
    });
    expect(patched.body.attributes).not.toHaveProperty('city');

    await t.http
      .delete(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(204);
    await t.http
      .get(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
    await t.http
      .delete(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
  });

  it('refuses to move a contact onto an address another contact has, naming it in a 409', async () => {
    const taken = await createContact(t, ws, { email: 'taken@example.com' });
    const other = await createContact(t, ws, { email: 'other@example.com' });
    const response = await t.http
      .patch(path(`/${other.id}`))
      .set(bearer(ws.adminKey))
      .send({ email: 'TAKEN@example.com' })
      .expect(409);
    expect(response.body.message).toBe(`email taken@example.com already belongs to contact ${taken.id}`);
  });

  it('pages newest first with a cursor, without gaps or repeats, even when contacts arrive meanwhile', async () => {
    for (let index = 0; index < 25; index++) await createContact(t, ws, { email: `c${index}@example.com` });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { body: { data: Array<{ email: string }>; nextCursor: string | null } } = await t.http
        .get(path())
        .query({ limit: 10, ...(cursor ? { cursor } : {}) })
        .set(bearer(ws.adminKey))
        .expect(200);
      seen.push(...response.body.data.map((contact) => contact.email));
      cursor = response.body.nextCursor;
      if (pages++ === 0) await createContact(t, ws, { email: 'late@example.com' });
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `c${24 - index}@example.com`));
  });

  it('filters by address, case-insensitively', async () => {
    await createContact(t, ws, { email: 'ada@example.com' });
    await createContact(t, ws, { email: 'bob@example.com' });
    const response = await t.http.get(path()).query({ email: 'ADA@example.com' }).set(bearer(ws.adminKey)).expect(200);
    expect(response.body).toEqual({ data: [expect.objectContaining({ email: 'ada@example.com' })], nextCursor: null });
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email must be an email'],
    ['CR/LF in firstName', { email: 'ada@example.com', firstName: 'Ada\r\nBcc: x@example.com' }, 'firstName must not contain line breaks'],
    ['LF in lastName', { email: 'ada@example.com', lastName: 'Love\nlace' }, 'lastName must not contain line breaks'],
    ['attributes that are an array', { email: 'ada@example.com', attributes: ['a'] }, 'attributes must be an object'],
    [
      'attributes over 16 KB',
      { email: 'ada@example.com', attributes: { blob: 'x'.repeat(17_000) } },
      'attributes must be at most 16 KB as JSON',
    ],
    ['an unknown field', { email: 'ada@example.com', nickname: 'A' }, 'property nickname should not exist'],
  ])('rejects %s with a 400 naming the field', async (_, body, message) => {
    const response = await t.http.post(path()).set(bearer(ws.adminKey)).send(body).expect(400);
    expect(response.body.message).toContain(message);
  });

  it('refuses a limit over 100 and a cursor it did not issue', async () => {
    const limit = await t.http.get(path()).query({ limit: 101 }).set(bearer(ws.adminKey)).expect(400);
    expect(limit.body.message).toContain('limit must not be greater than 100');
    const cursor = await t.http.get(path()).query({ cursor: 'bogus' }).set(bearer(ws.adminKey)).expect(400);
    expect(cursor.body.message).toContain('cursor is not a value this API returned');
  });

  it("answers 404 for another workspace's contact, and keeps the same address apart per workspace", async () => {
    const mine = await createContact(t, ws, { email: 'ada@example.com', firstName: 'Mine' });
    const other = await createWorkspace(t, 'Other');
    const otherPath = `/v1/workspaces/${other.id}/contacts`;
    await t.http.get(`${otherPath}/${mine.id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.patch(`${otherPath}/${mine.id}`).set(bearer(other.adminKey)).send({ firstName: 'Theirs' }).expect(404);
    await t.http.delete(`${otherPath}/${mine.id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.get(`${otherPath}/not-a-uuid`).set(bearer(other.adminKey)).expect(404);
    // Their key on my workspace's path: 404 before anything else.
    await t.http
      .get(path(`/${mine.id}`))
      .set(bearer(other.adminKey))
      .expect(404);

    const theirs = await t.http
      .post(otherPath)
      .set(bearer(other.adminKey))
      .send({ email: 'ADA@example.com', firstName: 'Theirs' })
      .expect(201);
    expect(theirs.body.id).not.toBe(mine.id);
    const still = await t.http
      .get(path(`/${mine.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(still.body.firstName).toBe('Mine');
  });

  it('needs the admin scope', async () => {
    const sendKey = await createApiKey(t, ws, ['send']);
    await t.http.get(path()).set(bearer(sendKey)).expect(403);
  });
});

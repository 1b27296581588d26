import { createContact, createList } from './support/contact-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('Lists and memberships', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const lists = (suffix = '') => `/v1/workspaces/${ws.id}/lists${suffix}`;
  const members = (list: { id: string }, suffix = '') => lists(`/${list.id}/contacts${suffix}`);

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

    await t.http.patch(lists(`/${id}`)).set(bearer(ws.adminKey)).send({ name: 'News', description: null }).expect(200);
    const got = await t.http.get(lists(`/${id}`)).set(bearer(ws.adminKey)).expect(200);
    expect(got.body).toMatchObject({ id, name: 'News', description: null });

    await t.http.delete(lists(`/${id}`)).set(bearer(ws.adminKey)).expect(204);
    await t.http.get(lists(`/${id}`)).set(bearer(ws.adminKey)).expect(404);
  });

  it.each([
    ['a missing name', {}, 'name must be a string'],
    ['CR/LF in the name', { name: 'News\r\nletter' }, 'name must not contain line breaks'],
  ])('rejects %s with a 400 naming the field', async (_, body, message) => {
    const response = await t.http.post(lists()).set(bearer(ws.adminKey)).send(body).expect(400);
    expect(response.body.message).toContain(message);
  });

  it('adds contacts by id, counting those already on the list', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com' });
    const bob = await createContact(t, ws, { email: 'bob@example.com' });

    const first = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [ada.id] }).expect(200);
    expect(first.body).toEqual({ added: 1, alreadyMembers: 0, duplicates: 0, contactsCreated: 0, rejected: [] });
    const second = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [ada.id, bob.id, bob.id] }).expect(200);
    expect(second.body).toEqual({ added: 1, alreadyMembers: 1, duplicates: 1, contactsCreated: 0, rejected: [] });

    const got = await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey)).expect(200);
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
    const got = await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey)).expect(200);
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
    const got = await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey)).expect(200);
    expect(got.body.counts).toEqual({ subscribed: 6000, unsubscribed: 0 });
  });

  it('refuses more than 10,000 entries, and both or neither of contactIds and emails', async () => {
    const list = await createList(t, ws);
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `s${index}@example.com`);
    const big = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ emails: tooMany }).expect(400);
    expect(big.body.message).toContain('emails must contain no more than 10000 elements');

    const contact = await createContact(t, ws, { email: 'ada@example.com' });
    const both = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [contact.id], emails: ['b@example.com'] }).expect(400);
    expect(both.body.message).toContain('give either contactIds or emails, not both');
    const neither = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({}).expect(400);
    expect(neither.body.message).toContain('contactIds or emails is required');
    const badId = await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: ['nope'] }).expect(400);
    expect(badId.body.message).toContain('each value in contactIds must be a UUID');
  });

  it('reports invalid and duplicate addresses, creates missing contacts, and never re-subscribes an unsubscribed member', async () => {
    const list = await createList(t, ws);
    const existing = await createContact(t, ws, { email: 'existing@example.com', firstName: 'Kept' });
    const member = await createContact(t, ws, { email: 'member@example.com' });
    const leaver = await createContact(t, ws, { email: 'leaver@example.com' });
    await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [member.id, leaver.id] }).expect(200);
    await t.http.patch(members(list, `/${leaver.id}`)).set(bearer(ws.adminKey)).send({ status: 'unsubscribed' }).expect(200);

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
    const byEmail = Object.fromEntries(page.body.data.map((m: { email: string; status: string; firstName: string | null }) => [m.email, m]));
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

    await t.http.patch(members(list, `/${ids[3]}`)).set(bearer(ws.adminKey)).send({ status: 'unsubscribed' }).expect(200);
    const unsubscribed = await t.http.get(members(list)).query({ status: 'unsubscribed' }).set(bearer(ws.adminKey)).expect(200);
    expect(unsubscribed.body.data.map((member: { contactId: string }) => member.contactId)).toEqual([ids[3]]);
    const bad = await t.http.get(members(list)).query({ status: 'bounced' }).set(bearer(ws.adminKey)).expect(400);
    expect(bad.body.message).toContain('status must be one of the following values: subscribed, unsubscribed');
  });

  it('unsubscribes and re-subscribes a member, keeping counts, and removes one', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com', firstName: 'Ada' });
    await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [ada.id] }).expect(200);

    const off = await t.http.patch(members(list, `/${ada.id}`)).set(bearer(ws.adminKey)).send({ status: 'unsubscribed' }).expect(200);
    expect(off.body).toMatchObject({ contactId: ada.id, email: 'ada@example.com', firstName: 'Ada', status: 'unsubscribed', unsubscribedAt: expect.any(String) });
    const again = await t.http.patch(members(list, `/${ada.id}`)).set(bearer(ws.adminKey)).send({ status: 'unsubscribed' }).expect(200);
    expect(again.body.unsubscribedAt).toBe(off.body.unsubscribedAt);
    expect((await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey))).body.counts).toEqual({ subscribed: 0, unsubscribed: 1 });

    const on = await t.http.patch(members(list, `/${ada.id}`)).set(bearer(ws.adminKey)).send({ status: 'subscribed' }).expect(200);
    expect(on.body).toMatchObject({ status: 'subscribed', unsubscribedAt: null });

    await t.http.delete(members(list, `/${ada.id}`)).set(bearer(ws.adminKey)).expect(204);
    await t.http.delete(members(list, `/${ada.id}`)).set(bearer(ws.adminKey)).expect(404);
    await t.http.get(`/v1/workspaces/${ws.id}/contacts/${ada.id}`).set(bearer(ws.adminKey)).expect(200);
  });

  it('drops memberships when a contact is deleted', async () => {
    const list = await createList(t, ws);
    const ada = await createContact(t, ws, { email: 'ada@example.com' });
    await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [ada.id] }).expect(200);
    await t.http.delete(`/v1/workspaces/${ws.id}/contacts/${ada.id}`).set(bearer(ws.adminKey)).expect(204);
    expect((await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey))).body.counts).toEqual({ subscribed: 0, unsubscribed: 0 });
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
      await t.http.post(members(list)).set(bearer(ws.adminKey)).send({ contactIds: [contact.id] }).expect(200);
      const theirs = `/v1/workspaces/${other.id}/lists/${list.id}`;
      const key = bearer(other.adminKey);

      await t.http.get(theirs).set(key).expect(404);
      await t.http.patch(theirs).set(key).send({ name: 'Hijacked' }).expect(404);
      await t.http.get(`${theirs}/contacts`).set(key).expect(404);
      await t.http.post(`${theirs}/contacts`).set(key).send({ emails: ['x@example.com'] }).expect(404);
      await t.http.patch(`${theirs}/contacts/${contact.id}`).set(key).send({ status: 'unsubscribed' }).expect(404);
      await t.http.delete(`${theirs}/contacts/${contact.id}`).set(key).expect(404);
      await t.http.post(`${theirs}/import`).set(key).set('Content-Type', 'text/csv').send('email\nx@example.com\n').expect(404);
      await t.http.delete(theirs).set(key).expect(404);
      const listed = await t.http.get(`/v1/workspaces/${other.id}/lists`).set(key).expect(200);
      expect(listed.body.data).toEqual([]);

      const mine = await t.http.get(lists(`/${list.id}`)).set(bearer(ws.adminKey)).expect(200);
      expect(mine.body).toMatchObject({ name: 'Newsletter', counts: { subscribed: 1, unsubscribed: 0 } });
      expect((await t.http.get(`/v1/workspaces/${other.id}/contacts`).set(key)).body.data).toEqual([]);
    });

    it("refuses another workspace's contact ids with 404 and adds none of the batch", async () => {
      const myList = await createList(t, ws);
      const mine = await createContact(t, ws, { email: 'mine@example.com' });
      const theirs = await createContact(t, other, { email: 'theirs@example.com' });

      const response = await t.http.post(members(myList)).set(bearer(ws.adminKey)).send({ contactIds: [mine.id, theirs.id] }).expect(404);
      expect(response.body.message).toBe(`Contacts not found: ${theirs.id}; nothing was added`);
      const got = await t.http.get(lists(`/${myList.id}`)).set(bearer(ws.adminKey)).expect(200);
      expect(got.body.counts).toEqual({ subscribed: 0, unsubscribed: 0 });
    });

    it('gives each workspace its own contact for the same address added by email', async () => {
      const myList = await createList(t, ws);
      const theirs = await createContact(t, other, { email: 'shared@example.com', firstName: 'Theirs' });
      const response = await t.http.post(members(myList)).set(bearer(ws.adminKey)).send({ emails: ['shared@example.com'] }).expect(200);
      expect(response.body).toMatchObject({ added: 1, contactsCreated: 1 });
      const page = await t.http.get(members(myList)).set(bearer(ws.adminKey)).expect(200);
      expect(page.body.data[0].contactId).not.toBe(theirs.id);
      expect(page.body.data[0].firstName).toBeNull();
    });
  });

  describe('CSV import', () => {
    const importCsv = (list: { id: string }, body: string | Buffer, type = 'text/csv') =>
      t.http.post(lists(`/${list.id}/import`)).set(bearer(ws.adminKey)).set('Content-Type', type).send(body);

    it('imports quoted fields, a BOM and extra columns as attributes, reporting bad rows by row number', async () => {
      const list = await createList(t, ws);
      await createContact(t, ws, { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', attributes: { team: 'navy' } });
      const csv =
        '\uFEFFemail,first_name,lastName,Company,Plan\r\n' +
        '"Ada@Example.com","Ada","Lovelace","Analytical Engines, Ltd",pro\r\n' + // row 2
        'grace@example.com,,,"Remington ""Rand""",\r\n' + // row 3: blank names keep the stored ones
        'not-an-email,Bad,Row,X,Y\r\n' + // row 4
        '\r\n' + // row 5: blank
        'ada@example.com,Again,,,\r\n' + // row 6: duplicate
        'linus@example.com,"Li\nnus",T,,\r\n' + // row 7: line break in a name
        'short@example.com,S\r\n' + // row 8: too few fields
        ',NoEmail,,,\r\n'; // row 9
      const response = await importCsv(list, csv).expect(200);
      expect(response.body).toEqual({
        imported: 1,
        updated: 1,
        added: 2,
        alreadyMembers: 0,
        rejectedCount: 5,
        rejected: [
          { row: 4, email: 'not-an-email', reason: 'not a valid email address' },
          { row: 6, email: 'ada@example.com', reason: 'duplicate of row 2' },
          { row: 7, email: 'linus@example.com', reason: 'first_name must not contain line breaks' },
          { row: 8, email: 'short@example.com', reason: 'the row has 2 fields but the header has 5' },
          { row: 9, email: null, reason: 'email is empty' },
        ],
      });

      const page = await t.http.get(members(list)).set(bearer(ws.adminKey)).expect(200);
      const byEmail = Object.fromEntries(page.body.data.map((m: { email: string }) => [m.email, m]));
      expect(byEmail['ada@example.com']).toMatchObject({
        firstName: 'Ada',
        lastName: 'Lovelace',
        attributes: { Company: 'Analytical Engines, Ltd', Plan: 'pro' },
        status: 'subscribed',
      });
      expect(byEmail['grace@example.com']).toMatchObject({
        firstName: 'Grace',
        lastName: 'Hopper',
        attributes: { team: 'navy', Company: 'Remington "Rand"' },
      });
    });

    it('refuses a file without an email column, naming what it found', async () => {
      const list = await createList(t, ws);
      const response = await importCsv(list, 'name,company\nAda,X\n').expect(400);
      expect(response.body.message).toEqual([
        'The header row has no email column (found: name, company); name the column with the addresses "email"',
      ]);
    });

    it('refuses a body that is not sent as text/csv', async () => {
      const list = await createList(t, ws);
      const response = await t.http.post(lists(`/${list.id}/import`)).set(bearer(ws.adminKey)).send({ email: 'a@example.com' }).expect(415);
      expect(response.body.message).toBe('Send the file as the request body with Content-Type: text/csv (got application/json)');
    });

    it('refuses a file that is not UTF-8', async () => {
      const list = await createList(t, ws);
      const latin1 = Buffer.from('email,first_name\nzoe@example.com,Zo\xe9\n', 'latin1');
      const response = await importCsv(list, latin1).expect(400);
      expect(response.body.message).toEqual(['The CSV is not valid UTF-8; save it as "CSV UTF-8" and upload it again']);
    });

    it('answers 413 with a clear message for a body over 5 MB', async () => {
      const list = await createList(t, ws);
      const row = 'someone.with.a.long.address@example.com,First,Last\n';
      const csv = 'email,first_name,last_name\n' + row.repeat(Math.ceil((5 * 1024 * 1024) / row.length) + 10);
      const response = await importCsv(list, csv).expect(413);
      expect(response.body.message).toBe('The CSV is larger than 5 MB; split it into smaller files and import each');
    });
  });
});

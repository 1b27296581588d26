import { createSendingWorkspace, SendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('messages API (accepting and reading, no worker)', () => {
  let t: TestApp;
  let ws: SendingWorkspace;
  const path = () => `/v1/workspaces/${ws.id}/messages`;
  const valid = { to: ['alice@example.com'], subject: 'Hello', text: 'Hi' };

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createSendingWorkspace(t, { integration: { senders: [{ name: 'Support', email: 'support@example.com' }] } });
  });
  afterAll(() => t.close());

  const send = (body: unknown) =>
    t.http
      .post(path())
      .set(bearer(ws.sendKey))
      .send(body as object);

  it('commits the message before answering 202, with the default sender', async () => {
    const accepted = await send(valid).expect(202);
    const message = (await t.http.get(`${path()}/${accepted.body.id}`).set(bearer(ws.sendKey)).expect(200)).body;
    expect(message).toMatchObject({
      id: accepted.body.id,
      type: 'transactional',
      status: 'queued',
      from: { email: 'support@example.com', name: 'Support' },
      to: [{ email: 'alice@example.com' }],
      subject: 'Hello',
      attempts: 0,
      opens: 0,
      clicks: 0,
      events: [],
    });
  });

  it.each([
    [{ ...valid, to: [] }, 'to must contain at least 1 elements'],
    [{ ...valid, to: ['not-an-email'] }, 'to[0] must be an email'],
    [{ ...valid, to: [{ email: 'a@example.com', name: 'A\r\nBcc: x@y.z' }] }, 'to[0].name must not contain line breaks'],
    [{ ...valid, cc: ['ok@example.com', 'bad'] }, 'cc[1] must be an email'],
    [{ ...valid, subject: 'Hi\r\nBcc: victim@example.com' }, 'subject must not contain line breaks'],
    [{ ...valid, subject: undefined }, 'subject must be a string'],
    [{ ...valid, headers: { From: 'ceo@example.com' } }, 'headers.From is set by Mailroom and cannot be overridden'],
    [{ ...valid, headers: { 'Message-ID': '<x@y>' } }, 'headers.Message-ID is set by Mailroom and cannot be overridden'],
    [{ ...valid, headers: { 'X-Ok': 'a\nb' } }, 'headers.X-Ok must not contain line breaks'],
    [{ ...valid, type: 'newsletter' }, 'type must be one of the following values: transactional, marketing'],
    [{ ...valid, priority: 'high' }, 'property priority should not exist'],
  ])('rejects %j with 400 naming the field', async (body, message) => {
    const response = await send(body).expect(400);
    expect(response.body.message).toContain(message);
  });

  it('requires html or text', async () => {
    const response = await send({ to: ['a@example.com'], subject: 'Empty' }).expect(422);
    expect(response.body.message).toContain('html or text is required');
  });

  it('caps recipients at 50 across to, cc and bcc', async () => {
    const many = Array.from({ length: 30 }, (_, index) => `r${index}@example.com`);
    const response = await send({ ...valid, to: many, cc: many }).expect(422);
    expect(response.body.message[0]).toMatch(/at most 50 recipients/);
  });

  it('answers 413 for content over the size cap', async () => {
    const response = await send({ ...valid, html: 'x'.repeat(2 * 1024 * 1024 + 1) }).expect(413);
    expect(response.body.message).toMatch(/limit is/);
  });

  it('answers 422 when `from` is not one of the senders', async () => {
    const response = await send({ ...valid, from: 'ceo@example.com' }).expect(422);
    expect(response.body.message[0]).toMatch(/from ceo@example.com is not a sender of integration .*allowed: support@example.com/);
  });

  it('answers 422 when no integration serves the message type', async () => {
    const response = await send({ ...valid, type: 'marketing' }).expect(422);
    expect(response.body.message[0]).toMatch(/no integration of this workspace serves marketing mail/);
  });

  describe('marketing mail', () => {
    let marketing: CreatedWorkspace;
    const news = { type: 'marketing', to: ['reader@example.com'], subject: 'News', html: '<p>News</p>' };
    beforeAll(async () => {
      marketing = await createSendingWorkspace(t, { name: 'Marketing', integration: { usage: { transactional: true, marketing: true } } });
    });
    const sendTo = (body: unknown) =>
      t.http
        .post(`/v1/workspaces/${marketing.id}/messages`)
        .set(bearer(marketing.adminKey))
        .send(body as object);

    it.each([
      [{ ...news, to: ['a@example.com', 'b@example.com'] }, ['to: marketing mail goes to one recipient per message']],
      [{ ...news, cc: ['c@example.com'] }, ['cc: marketing mail goes to one recipient per message']],
      [{ ...news, bcc: ['d@example.com'] }, ['bcc: marketing mail goes to one recipient per message']],
      [
        { ...news, to: ['a@example.com', 'b@example.com'], cc: ['c@example.com'], bcc: ['d@example.com'] },
        [
          'to: marketing mail goes to one recipient per message',
          'cc: marketing mail goes to one recipient per message',
          'bcc: marketing mail goes to one recipient per message',
        ],
      ],
    ])('refuses %j with 422 naming the field', async (body, messages) => {
      const response = await sendTo(body).expect(422);
      expect(response.body.message).toEqual(messages);
    });

    it('accepts one recipient (empty cc and bcc too), and names the message of a batch that has more', async () => {
      await sendTo({ ...news, cc: [], bcc: [] }).expect(202);
      const batch = t.http.post(`/v1/workspaces/${marketing.id}/messages/batch`).set(bearer(marketing.adminKey));
      const refused = await batch.send({ messages: [news, { ...news, bcc: ['x@example.com'] }] }).expect(422);
      expect(refused.body.message).toEqual(['messages[1].bcc: marketing mail goes to one recipient per message']);
      const transactional = await sendTo({ ...news, type: 'transactional', to: ['a@example.com', 'b@example.com'], cc: ['c@example.com'] });
      expect(transactional.status).toBe(202);
    });
  });

  it('rejects a batch over 1000 messages and names the failing message in a batch', async () => {
    const tooMany = await t.http
      .post(`${path()}/batch`)
      .set(bearer(ws.sendKey))
      .send({ messages: Array.from({ length: 1001 }, () => valid) })
      .expect(400);
    expect(tooMany.body.message).toContain('messages must contain no more than 1000 elements');
    const bad = await t.http
      .post(`${path()}/batch`)
      .set(bearer(ws.sendKey))
      .send({ messages: [valid, { ...valid, from: 'x@example.com' }] })
      .expect(422);
    expect(bad.body.message[0]).toMatch(/^messages\[1\]\.from x@example.com is not a sender/);
  });

  it('lists newest first with cursor pagination and filters', async () => {
    const other = await createSendingWorkspace(t, { name: 'Listing' });
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const response = await t.http
        .post(`/v1/workspaces/${other.id}/messages`)
        .set(bearer(other.adminKey))
        .send({
          to: [index % 2 ? 'odd@example.com' : 'even@example.com'],
          subject: `M${index}`,
          text: 'x',
          tags: index === 0 ? ['first'] : [],
        })
        .expect(202);
      ids.push(response.body.id);
    }
    const list = (query: string) => t.http.get(`/v1/workspaces/${other.id}/messages?${query}`).set(bearer(other.adminKey)).expect(200);
    const page1 = await list('limit=2');
    const page2 = await list(`limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await list(`limit=2&cursor=${page2.body.nextCursor}`);
    expect([...page1.body.data, ...page2.body.data, ...page3.body.data].map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
    expect(page3.body.nextCursor).toBeNull();
    expect((await list('to=odd@example.com')).body.data).toHaveLength(2);
    expect((await list('to=ODD@example.com')).body.data).toHaveLength(2);
    expect((await list('tag=first')).body.data.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect((await list('status=sent')).body.data).toEqual([]);
    const bad = await t.http.get(`/v1/workspaces/${other.id}/messages?cursor=garbage`).set(bearer(other.adminKey)).expect(400);
    expect(bad.body.message[0]).toMatch(/cursor/);
    await t.http.get(`/v1/workspaces/${other.id}/messages?limit=500`).set(bearer(other.adminKey)).expect(400);
  });

  it('filters by type and by a range of creation times, and names a malformed filter', async () => {
    const other = await createSendingWorkspace(t, { name: 'Types', integration: { usage: { transactional: true, marketing: true } } });
    const list = (query: string) => t.http.get(`/v1/workspaces/${other.id}/messages?${query}`).set(bearer(other.adminKey));
    const sendAs = async (type: string) =>
      (
        await t.http
          .post(`/v1/workspaces/${other.id}/messages`)
          .set(bearer(other.adminKey))
          .send({ ...valid, type })
          .expect(202)
      ).body.id;
    const receipt = await sendAs('transactional');
    const news = await sendAs('marketing');
    const ids = async (query: string) => (await list(query).expect(200)).body.data.map((m: { id: string }) => m.id);
    expect(await ids('type=marketing')).toEqual([news]);
    expect(await ids('type=transactional')).toEqual([receipt]);

    const createdAt = async (id: string) =>
      (await list('').expect(200)).body.data.find((m: { id: string; createdAt: string }) => m.id === id).createdAt as string;
    const [receiptAt, newsAt] = [await createdAt(receipt), await createdAt(news)];
    expect(await ids(`since=${newsAt}`)).toEqual([news]);
    expect(await ids(`until=${newsAt}`)).toEqual([receipt]);
    expect(await ids(`since=${receiptAt}&until=${newsAt}`)).toEqual([receipt]);
    expect(await ids('since=2000-01-01&until=2000-01-02')).toEqual([]);

    expect((await list('type=newsletter').expect(400)).body.message[0]).toMatch(/^type must be one of/);
    expect((await list('since=yesterday').expect(400)).body.message[0]).toMatch(/^since must be an ISO 8601 timestamp/);
    expect((await list('until=2026-13-45').expect(400)).body.message[0]).toMatch(/^until must be an ISO 8601 timestamp/);
    expect((await list(`since=${newsAt}&until=${receiptAt}`).expect(400)).body.message).toEqual(['until must be later than since']);
  });

  it('finds a message by any of its recipients, first or not', async () => {
    const ws = await createSendingWorkspace(t, { name: 'Recipients' });
    const send = async (to: string[]) =>
      (await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.adminKey)).send({ to, subject: 'R', text: 'x' }).expect(202))
        .body.id;
    const alone = await send(['ada@example.com']);
    const first = await send(['Ada@Example.com', 'bob@example.com']);
    const second = await send(['carol@example.com', 'ada@example.com']);
    await send(['bob@example.com']);
    const found = await t.http.get(`/v1/workspaces/${ws.id}/messages?to=ada@example.com`).set(bearer(ws.adminKey)).expect(200);
    expect(found.body.data.map((message: { id: string }) => message.id).sort()).toEqual([alone, first, second].sort());
  });

  it('keeps messages inside their workspace', async () => {
    const accepted = await send(valid).expect(202);
    const other = await createWorkspace(t, 'Other');
    await t.http.get(`/v1/workspaces/${other.id}/messages/${accepted.body.id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.get(`/v1/workspaces/${ws.id}/messages/${accepted.body.id}`).set(bearer(other.adminKey)).expect(404);
    const list = await t.http.get(`/v1/workspaces/${other.id}/messages`).set(bearer(other.adminKey)).expect(200);
    expect(list.body.data).toEqual([]);
  });

  it('never puts content or credentials in the queue job', async () => {
    const accepted = await send({ ...valid, subject: 'Secret subject line', text: 'secret body text' }).expect(202);
    const { Redis } = await import('ioredis');
    const redis = new Redis(t.config.REDIS_URL);
    const data = await redis.hget(`${t.config.REDIS_PREFIX}:transactional:${accepted.body.id}`, 'data');
    await redis.quit();
    expect(JSON.parse(data!)).toEqual({ workspaceId: ws.id, messageId: accepted.body.id, seq: expect.any(Number) });
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageEventsRepository, NewMessageEvent } from '@app/messages';
import { startTestApp, TestApp } from './support/test-app';

describe('message events are written as they were recorded', () => {
  let t: TestApp;
  let events: MessageEventsRepository;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    events = t.app.get(MessageEventsRepository);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const stored = (messageId: string) =>
    dataSource.query(
      `SELECT workspace_id, type, at, detail, url, bot, user_agent, ip FROM "public"."message_events" WHERE message_id = $1 ORDER BY id`,
      [messageId],
    ) as Promise<Array<Record<string, unknown>>>;

  it('keeps every value whole, even tabs, newlines, backslashes and an end-of-data marker', async () => {
    const workspaceId = randomUUID();
    const messageId = randomUUID();
    const at = new Date('2026-11-27T10:11:12.345Z');
    const awkward: NewMessageEvent = {
      workspaceId,
      messageId,
      type: 'click',
      at,
      detail: 'line one\nline two\r\n\ttabbed \\ back\\slash',
      url: 'https://example.com/a?b=c&d=%09#frag',
      bot: true,
      userAgent: '\\.',
      ip: '2001:db8::',
    };
    const plain: NewMessageEvent = { workspaceId, messageId, type: 'open', at, userAgent: 'Mozilla/5.0 «Ünïcödé» 📬', ip: null };
    await events.insertMany([awkward, plain]);

    expect(await stored(messageId)).toEqual([
      {
        workspace_id: workspaceId,
        type: 'click',
        at,
        detail: awkward.detail,
        url: awkward.url,
        bot: true,
        user_agent: '\\.',
        ip: '2001:db8::',
      },
      { workspace_id: workspaceId, type: 'open', at, detail: null, url: null, bot: false, user_agent: plain.userAgent, ip: null },
    ]);
  });

  it('stores NUL, which PostgreSQL text cannot hold, as U+FFFD rather than losing the batch', async () => {
    const messageId = randomUUID();
    await events.insertMany([{ workspaceId: randomUUID(), messageId, type: 'open', userAgent: 'agent\u0000with nul' }]);
    expect((await stored(messageId)).map((row) => row.user_agent)).toEqual(['agent\uFFFDwith nul']);
  });

  it("writes inside the caller's transaction and goes with its rollback", async () => {
    const messageId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1');
        await events.insertMany([{ workspaceId: randomUUID(), messageId, type: 'sent' }], manager);
        expect(await manager.query(`SELECT count(*)::int AS n FROM "public"."message_events" WHERE message_id = $1`, [messageId])).toEqual([
          { n: 1 },
        ]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await stored(messageId)).toEqual([]);
  });

  it('rejects a batch PostgreSQL refuses, and leaves the connection fit for the next one', async () => {
    await expect(events.insertMany([{ workspaceId: 'not-a-uuid', messageId: randomUUID(), type: 'open' }])).rejects.toThrow(/uuid/);
    const messageId = randomUUID();
    await events.insertMany([{ workspaceId: randomUUID(), messageId, type: 'open' }]);
    expect(await stored(messageId)).toHaveLength(1);
  });

  it('writes a thousand events in one go', async () => {
    const messageId = randomUUID();
    const workspaceId = randomUUID();
    await events.insertMany(
      Array.from({ length: 1000 }, (_, index) => ({ workspaceId, messageId, type: 'open' as const, ip: `10.0.${index >> 8}.0` })),
    );
    expect(await stored(messageId)).toHaveLength(1000);
  });
});

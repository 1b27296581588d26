import { MessageEventRows } from './message-event-rows';

const WORKSPACE = '05af5f82-bdbd-4a3f-b819-1643d1cd3b44';
const MESSAGE = '6616a454-7189-45a1-9514-648c778931b6';

describe('MessageEventRows', () => {
  it('encodes each event as a COPY text row in the column order of the table', () => {
    const rows = new MessageEventRows();
    const at = new Date('2026-11-27T10:00:00.000Z');
    rows.add({
      workspaceId: WORKSPACE,
      messageId: MESSAGE,
      type: 'click',
      at,
      url: 'https://example.com/',
      bot: true,
      userAgent: 'Agent\tA',
      ip: '192.0.2.0',
    });
    rows.add({ workspaceId: WORKSPACE, messageId: MESSAGE, type: 'sent', at, detail: '250 2.0.0 OK' });
    expect(rows.count).toBe(2);
    expect(Buffer.concat(rows.chunks()).toString('utf8')).toBe(
      `${WORKSPACE}\t${MESSAGE}\tclick\t2026-11-27T10:00:00.000Z\t\\N\thttps://example.com/\tt\tAgent\\tA\t192.0.2.0\n` +
        `${WORKSPACE}\t${MESSAGE}\tsent\t2026-11-27T10:00:00.000Z\t250 2.0.0 OK\t\\N\tf\t\\N\t\\N\n`,
    );
  });

  it('gives an event without a time the time it was added', () => {
    const rows = new MessageEventRows();
    const before = Date.now();
    rows.add({ workspaceId: WORKSPACE, messageId: MESSAGE, type: 'sent' });
    const at = Date.parse(Buffer.concat(rows.chunks()).toString('utf8').split('\t')[3]!);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('keeps every row, in order, across the buffers it moves them into', () => {
    const rows = new MessageEventRows();
    const agents = Array.from({ length: 200 }, (_, index) => `Agent ${index} «Ünïcödé» 📬`);
    for (const userAgent of agents) rows.add({ workspaceId: WORKSPACE, messageId: MESSAGE, type: 'open', at: new Date(0), userAgent });
    const lines = Buffer.concat(rows.chunks()).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => line.split('\t')[7])).toEqual(agents);
    expect(rows.chunks().length).toBeGreaterThan(1);
  });
});

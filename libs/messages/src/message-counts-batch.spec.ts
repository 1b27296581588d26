import { MessageCountsBatch } from './message-counts-batch';

const A = '05af5f82-bdbd-4a3f-b819-1643d1cd3b44';
const B = '6616a454-7189-45a1-9514-648c778931b6';
const at = (iso: string) => new Date(iso);
const none = { sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 };

describe('MessageCountsBatch', () => {
  it('sums sent, failed, opened and clicked per workspace, UTC hour and message type, in key order', () => {
    const counts = new MessageCountsBatch();
    counts.add(B, 'transactional', 'sent', at('2026-12-01T10:59:59.999Z'));
    counts.add(A, 'marketing', 'click', at('2026-12-01T10:30:00Z'));
    counts.add(A, 'marketing', 'open', at('2026-12-01T10:00:00Z'));
    counts.add(A, 'marketing', 'open', at('2026-12-01T10:45:00Z'));
    counts.add(A, 'transactional', 'failed', at('2026-12-01T11:00:00Z'));
    counts.add(A, 'marketing', 'sent', at('2026-12-01T09:10:00Z'));
    expect(counts.increments()).toEqual([
      { workspaceId: A, hour: at('2026-12-01T09:00:00Z'), type: 'marketing', ...none, sent: 1 },
      { workspaceId: A, hour: at('2026-12-01T10:00:00Z'), type: 'marketing', ...none, opened: 2, clicked: 1, bounced: 0, complained: 0 },
      { workspaceId: A, hour: at('2026-12-01T11:00:00Z'), type: 'transactional', ...none, failed: 1 },
      { workspaceId: B, hour: at('2026-12-01T10:00:00Z'), type: 'transactional', ...none, sent: 1 },
    ]);
  });

  it('leaves out machine opens and clicks, and events that are no counter', () => {
    const counts = new MessageCountsBatch();
    counts.add(A, 'marketing', 'open', at('2026-12-01T10:00:00Z'), true);
    counts.add(A, 'marketing', 'click', at('2026-12-01T10:00:00Z'), true);
    for (const type of ['retry', 'unsubscribe', 'suppressed', 'tracking_skipped'] as const) {
      counts.add(A, 'transactional', type, at('2026-12-01T10:00:00Z'));
    }
    expect(counts.increments()).toEqual([]);
  });
});

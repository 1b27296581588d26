import type { MessageEventType, MessageType } from '@app/database';
import type { MessageCounts } from './message-stats.repository';

const HOUR_MS = 3_600_000;

/** What one UTC hour of one message type of a workspace adds to the overview's counters. */
export interface MessageCountsIncrement extends MessageCounts {
  workspaceId: string;
  hour: Date;
  type: MessageType;
}

const COUNTERS: Partial<Record<MessageEventType, keyof MessageCounts>> = {
  sent: 'sent',
  failed: 'failed',
  open: 'opened',
  click: 'clicked',
  // The bounce recorder adds hard bounces only: a soft one is a delay, not a lost address.
  bounce: 'bounced',
  complaint: 'complained',
};

/**
 * The counters a batch of events adds (see the message-stats migration), summed as the writer
 * gathers the batch, so writing them is one upsert of the few hours and types it touches. Opens
 * and clicks by machines are not counted; other events (retries, unsubscribes…) neither.
 */
export class MessageCountsBatch {
  private readonly byKey = new Map<string, MessageCountsIncrement>();

  add(workspaceId: string, messageType: MessageType, eventType: MessageEventType, at: Date, bot = false): void {
    const counter = COUNTERS[eventType];
    if (!counter || bot) return;
    const hour = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
    const key = `${workspaceId}|${hour}|${messageType}`;
    let row = this.byKey.get(key);
    if (!row) {
      row = { workspaceId, hour: new Date(hour), type: messageType, sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 };
      this.byKey.set(key, row);
    }
    row[counter] += 1;
  }

  /** In key order, the order writers lock the counters' rows in, so two of them never deadlock. */
  increments(): MessageCountsIncrement[] {
    return [...this.byKey.values()].sort(
      (a, b) => a.workspaceId.localeCompare(b.workspaceId) || a.hour.getTime() - b.hour.getTime() || a.type.localeCompare(b.type),
    );
  }
}

import type { MessageEventType } from '@app/database';
import { copyTextField, copyTextTimestamp } from './copy-text';

export interface NewMessageEvent {
  workspaceId: string;
  messageId: string;
  type: MessageEventType;
  at?: Date;
  detail?: string | null;
  url?: string | null;
  bot?: boolean;
  userAgent?: string | null;
  ip?: string | null;
}

/** Rows gathered as text before they move into a buffer together. */
const ROWS_PER_CHUNK = 64;

/**
 * Message events as COPY text rows, in `message_events` column order (see
 * MessageEventsRepository), encoded the moment they are added. Every few dozen rows the text
 * moves into a Buffer, outside the JS heap: a tracking batch lives for tens of milliseconds, and
 * as strings its rows were what the young-generation garbage collector spent most of its pauses
 * copying (docs/BENCHMARKS.md, "Measured once").
 */
export class MessageEventRows {
  private readonly full: Buffer[] = [];
  private text = '';
  private rowsInText = 0;
  private rows = 0;

  add(event: NewMessageEvent): void {
    this.text +=
      `${copyTextField(event.workspaceId)}\t${copyTextField(event.messageId)}\t${copyTextField(event.type)}\t` +
      `${copyTextTimestamp(event.at ?? new Date())}\t${copyTextField(event.detail ?? null)}\t${copyTextField(event.url ?? null)}\t` +
      `${event.bot ? 't' : 'f'}\t${copyTextField(event.userAgent ?? null)}\t${copyTextField(event.ip ?? null)}\n`;
    this.rows += 1;
    if (++this.rowsInText === ROWS_PER_CHUNK) this.moveTextToBuffer();
  }

  get count(): number {
    return this.rows;
  }

  /** Every row added so far, in order, as UTF-8. */
  chunks(): Buffer[] {
    if (this.rowsInText > 0) this.moveTextToBuffer();
    return this.full;
  }

  private moveTextToBuffer(): void {
    this.full.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
    this.rowsInText = 0;
  }
}

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

/**
 * Message events as COPY text rows, in `message_events` column order (see
 * MessageEventsRepository), encoded the moment they are added: a writer that collects events for
 * a while holds one string rather than objects, and the batch is ready to send as it stands.
 */
export class MessageEventRows {
  private rows = '';
  count = 0;

  add(event: NewMessageEvent): void {
    this.rows +=
      `${copyTextField(event.workspaceId)}\t${copyTextField(event.messageId)}\t${copyTextField(event.type)}\t` +
      `${copyTextTimestamp(event.at ?? new Date())}\t${copyTextField(event.detail ?? null)}\t${copyTextField(event.url ?? null)}\t` +
      `${event.bot ? 't' : 'f'}\t${copyTextField(event.userAgent ?? null)}\t${copyTextField(event.ip ?? null)}\n`;
    this.count += 1;
  }

  get text(): string {
    return this.rows;
  }
}

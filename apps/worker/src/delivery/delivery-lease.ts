import type { AppConfig } from '@app/config';
import type { MessageEntity } from '@app/database';

/** A delivery holds the message (claimed with a broadcast slice, or an attempt still running) and its lease has not run out. */
export function isLeased(message: MessageEntity): boolean {
  return message.status === 'sending' && message.leaseUntil !== null && message.leaseUntil.getTime() > Date.now();
}

/** The lease a delivery takes: long enough for any send, short enough to recover from a dead worker. */
export function leaseUntil(config: AppConfig): Date {
  return new Date(Date.now() + config.SENDING_LEASE_MS);
}

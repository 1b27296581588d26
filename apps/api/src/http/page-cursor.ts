import type { TimeCursor } from '@app/database';
import { isUuid } from '@app/workspace-id';

export function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** Null for anything that is not a cursor this API issued. */
export function decodeTimeCursor(value: string): TimeCursor | null {
  const [createdAt, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !createdAt || !id || !isUuid(id)) return null;
  const at = new Date(createdAt);
  return Number.isNaN(at.getTime()) ? null : { createdAt: at, id };
}

/** Keyset position of a page ordered by a uuid alone (list members, by contact id). */
export function encodeIdCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeIdCursor(value: string): string | null {
  const id = Buffer.from(value, 'base64url').toString('utf8');
  return isUuid(id) ? id : null;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Repositories fetch one row more than the limit: its presence is what says another page exists. */
export function toPage<Row, T>(rows: Row[], limit: number, cursorOf: (row: Row) => string, map: (row: Row) => T): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(map), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** Keyset pagination position: the (createdAt, id) of the last row of the previous page. */
export interface MessageCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: MessageCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/** Null for anything that is not a cursor this API issued. */
export function decodeCursor(value: string): MessageCursor | null {
  const [createdAt, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !createdAt || !id || Number.isNaN(Date.parse(createdAt))) return null;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}

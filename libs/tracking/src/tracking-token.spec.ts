import { randomBytes, randomUUID } from 'node:crypto';
import { MAX_LINK_INDEX, parseTrackingToken, signTrackingToken } from './tracking-token';

const workspaceKey = randomBytes(32);
const otherWorkspaceKey = randomBytes(32);
const messageId = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';

/** Changes the character at `position` to a different base64url character. */
function alter(token: string, position: number): string {
  const replacement = token[position] === 'A' ? 'B' : 'A';
  return token.slice(0, position) + replacement + token.slice(position + 1);
}

describe('tracking tokens', () => {
  it('round-trips a click token: message id, kind and link index come back and verify under the key', () => {
    const token = signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: 7 });
    const parsed = parseTrackingToken(token);
    expect(parsed).toMatchObject({ messageId, kind: 'click', linkIndex: 7 });
    expect(parsed!.verify(workspaceKey)).toBe(true);
  });

  it.each(['open', 'unsubscribe'] as const)('round-trips an %s token, which carries no link index', (kind) => {
    const parsed = parseTrackingToken(signTrackingToken(workspaceKey, { messageId, kind }));
    expect(parsed).toMatchObject({ messageId, kind, linkIndex: null });
    expect(parsed!.verify(workspaceKey)).toBe(true);
  });

  it('normalises the message id to lower case', () => {
    const token = signTrackingToken(workspaceKey, { messageId: messageId.toUpperCase(), kind: 'open' });
    expect(parseTrackingToken(token)!.messageId).toBe(messageId);
  });

  it('round-trips link indexes across varint byte boundaries', () => {
    for (const linkIndex of [0, 127, 128, 16_383, 16_384, MAX_LINK_INDEX]) {
      const parsed = parseTrackingToken(signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex }));
      expect(parsed?.linkIndex).toBe(linkIndex);
      expect(parsed!.verify(workspaceKey)).toBe(true);
    }
  });

  it('stays short: 39 characters for open and unsubscribe, 40 for a click on one of the first 128 links', () => {
    expect(signTrackingToken(workspaceKey, { messageId, kind: 'open' })).toHaveLength(39);
    expect(signTrackingToken(workspaceKey, { messageId, kind: 'unsubscribe' })).toHaveLength(39);
    expect(signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: 127 })).toHaveLength(40);
    expect(signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: MAX_LINK_INDEX })).toHaveLength(43);
  });

  it('is URL-safe', () => {
    for (let i = 0; i < 50; i++) {
      const token = signTrackingToken(workspaceKey, { messageId: randomUUID(), kind: 'click', linkIndex: i });
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(encodeURIComponent(token)).toBe(token);
    }
  });

  it('fails verification or parsing when any single character is changed', () => {
    const token = signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: 3 });
    for (let position = 0; position < token.length; position++) {
      const parsed = parseTrackingToken(alter(token, position));
      expect(parsed === null || !parsed.verify(workspaceKey)).toBe(true);
    }
  });

  it('does not verify under another workspace key', () => {
    const token = signTrackingToken(workspaceKey, { messageId, kind: 'open' });
    expect(parseTrackingToken(token)!.verify(otherWorkspaceKey)).toBe(false);
  });

  it('refuses a token of another kind when a kind is expected', () => {
    const open = signTrackingToken(workspaceKey, { messageId, kind: 'open' });
    expect(parseTrackingToken(open, 'click')).toBeNull();
    expect(parseTrackingToken(open, 'open')?.kind).toBe('open');
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a token!'],
    ['base64url of too few bytes', Buffer.alloc(10).toString('base64url')],
    ['overlong', 'A'.repeat(10_000)],
    ['padding', `${signTrackingToken(workspaceKey, { messageId, kind: 'open' })}=`],
    ['unknown version', Buffer.concat([Buffer.of(0x21), Buffer.alloc(28)]).toString('base64url')],
    ['unknown kind', Buffer.concat([Buffer.of(0x1f), Buffer.alloc(28)]).toString('base64url')],
    [
      'a click with an unterminated varint',
      Buffer.concat([Buffer.of(0x12), Buffer.alloc(16), Buffer.alloc(15, 0xff)]).toString('base64url'),
    ],
    [
      'a click with an overlong varint',
      Buffer.concat([Buffer.of(0x12), Buffer.alloc(16), Buffer.of(0x80, 0x00), Buffer.alloc(12)]).toString('base64url'),
    ],
    ['trailing bytes', `${signTrackingToken(workspaceKey, { messageId, kind: 'open' })}AAAA`],
    ['a non-string', 12345],
    ['null', null],
  ])('returns null for %s without throwing', (_case, input) => {
    expect(parseTrackingToken(input)).toBeNull();
  });

  it('refuses to sign what it could not represent', () => {
    expect(() => signTrackingToken(workspaceKey, { messageId: 'not-a-uuid', kind: 'open' })).toThrow('UUID');
    expect(() => signTrackingToken(workspaceKey, { messageId, kind: 'click' })).toThrow('linkIndex');
    expect(() => signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: -1 })).toThrow('linkIndex');
    expect(() => signTrackingToken(workspaceKey, { messageId, kind: 'click', linkIndex: MAX_LINK_INDEX + 1 })).toThrow();
    expect(() => signTrackingToken(workspaceKey, { messageId, kind: 'open', linkIndex: 0 })).toThrow('no linkIndex');
  });
});

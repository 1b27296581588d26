import { decodeIdCursor, decodeTimeCursor, encodeIdCursor, encodeTimeCursor, toPage } from './page-cursor';

const id = '0b6f5c1e-7d3a-4f3e-9a7e-2c1d5e6f7a8b';

describe('page cursors', () => {
  it('round-trips a (createdAt, id) cursor at millisecond precision', () => {
    const createdAt = new Date('2025-11-22T10:11:12.345Z');
    expect(decodeTimeCursor(encodeTimeCursor({ createdAt, id }))).toEqual({ createdAt, id });
  });

  it('round-trips an id cursor', () => {
    expect(decodeIdCursor(encodeIdCursor(id))).toBe(id);
  });

  it.each([
    '',
    'garbage',
    Buffer.from('not-a-date|' + id).toString('base64url'),
    Buffer.from('2025-01-01T00:00:00Z|x').toString('base64url'),
  ])('refuses %j', (value) => {
    expect(decodeTimeCursor(value)).toBeNull();
    expect(decodeIdCursor(value)).toBeNull();
  });

  it('gives a next cursor only when the repository found more rows than the limit', () => {
    const rows = [1, 2, 3];
    expect(toPage(rows, 2, String, (n) => n * 10)).toEqual({ data: [10, 20], nextCursor: '2' });
    expect(toPage(rows, 3, String, (n) => n)).toEqual({ data: [1, 2, 3], nextCursor: null });
  });
});

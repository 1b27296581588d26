import { copyTextField, copyTextTimestamp } from './copy-text';

describe('COPY text format', () => {
  it('writes null as \\N and plain text as it is', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField('Mozilla/5.0 (Macintosh) Safari/605.1.15')).toBe('Mozilla/5.0 (Macintosh) Safari/605.1.15');
    expect(copyTextField('')).toBe('');
  });

  it('escapes the characters that would end a field or a row, and the backslash itself', () => {
    expect(copyTextField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // A field that is only "\." must not read as the end-of-data marker, nor "\N" as null.
    expect(copyTextField('\\.')).toBe('\\\\.');
    expect(copyTextField('\\N')).toBe('\\\\N');
  });

  it('replaces NUL, which PostgreSQL text cannot hold, instead of failing the whole batch', () => {
    expect(copyTextField('a\u0000b')).toBe('a\uFFFDb');
  });

  it('writes timestamps as Date#toISOString does, milliseconds included', () => {
    const times = [
      '2026-11-27T10:00:00.000Z',
      '2026-11-27T10:00:00.005Z',
      '2026-11-27T10:00:00.050Z',
      '2026-11-27T10:00:00.500Z',
      '2026-11-27T10:00:01.999Z',
      '1969-12-31T23:59:59.001Z',
      '2026-11-27T10:00:00.007Z',
    ];
    for (const time of times) expect(copyTextTimestamp(new Date(time))).toBe(time);
  });
});

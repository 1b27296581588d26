import { copyTextField, copyTextRow } from './copy-text';

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

  it('joins fields with tabs and ends the row with a newline', () => {
    expect(copyTextRow(['x', null, 'y\tz'])).toBe('x\t\\N\ty\\tz\n');
  });
});

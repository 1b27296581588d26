/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text
 * Format"): fields separated by tabs, rows ended by newlines, `\N` for null, and a backslash
 * before anything that would otherwise end a field or a row.
 */
const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPABLE = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\uFFFD' };

/** One field. NUL, which a text column cannot hold, becomes U+FFFD so one odd value cannot fail a batch. */
export function copyTextField(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPABLE, (char) => ESCAPES[char]!) : value;
}

export function copyTextRow(fields: ReadonlyArray<string | null>): string {
  let row = copyTextField(fields[0] ?? null);
  for (let index = 1; index < fields.length; index++) row += '\t' + copyTextField(fields[index]!);
  return row + '\n';
}

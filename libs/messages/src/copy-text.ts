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

let formattedSecond = NaN;
let secondPrefix = '';

/**
 * A timestamp as ISO 8601 in UTC, which a timestamptz column reads as it is. Date#toISOString
 * costs close to a microsecond on these machines, more than the rest of an event row, and events
 * come many to the second: the text up to the second is made once per second.
 */
export function copyTextTimestamp(date: Date): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  if (second !== formattedSecond) {
    formattedSecond = second;
    secondPrefix = new Date(second * 1000).toISOString().slice(0, -4); // up to and with the '.'
  }
  const millis = ms - second * 1000;
  return `${secondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

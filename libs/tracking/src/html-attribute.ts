const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };

/** Safe inside a double-quoted, single-quoted or (once quoted) unquoted attribute value. */
export function escapeAttributeValue(value: string): string {
  return value.replace(/[&"'<>]/g, (char) => ESCAPES[char]!);
}

const WHITESPACE = new Set(['\t', '\n', '\f', '\r', ' ']);
const NAME_END = new Set([...WHITESPACE, '/', '>', '=']);

/**
 * Takes the source text of one attribute exactly as the parser located it (`HREF = 'v'`,
 * `href=v`, …) and returns it with only the value replaced, keeping the name's case, the spacing
 * and the quote style. An unquoted value gains double quotes, since the new one may need them.
 * Returns null when the text has no value to replace.
 */
export function replaceAttributeValue(source: string, value: string): string | null {
  // Tokenizer rules (HTML § 13.2.5.32–38): a name may begin with '=', then runs to whitespace, '/', '>' or '='.
  let i = 1;
  while (i < source.length && !NAME_END.has(source[i]!)) i++;
  while (i < source.length && WHITESPACE.has(source[i]!)) i++;
  if (source[i] !== '=') return null;
  i++;
  while (i < source.length && WHITESPACE.has(source[i]!)) i++;
  if (i >= source.length) return null;

  const escaped = escapeAttributeValue(value);
  const quote = source[i]!;
  if (quote === '"' || quote === "'") {
    const last = source.length - 1;
    if (last <= i || source[last] !== quote) return null;
    return `${source.slice(0, i + 1)}${escaped}${source.slice(last)}`;
  }
  return `${source.slice(0, i)}"${escaped}"`;
}

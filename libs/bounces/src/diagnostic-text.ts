import { MAX_DIAGNOSTIC_CHARS } from './report-limits';

/**
 * A server's answer as one readable line: whitespace runs (folding included) become one space,
 * and a multi-line SMTP reply (`550-5.1.1 The email account … 550-5.1.1 double-checking … 550 5.1.1
 * https://…`, as Gmail sends it) loses the repeated codes of its continuation lines.
 */
export function diagnosticText(answer: string): string | undefined {
  const text = answer
    .slice(0, 8 * MAX_DIAGNOSTIC_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  return joinReplyLines(text).slice(0, MAX_DIAGNOSTIC_CHARS) || undefined;
}

function joinReplyLines(text: string): string {
  const head = /^(\d{3})-((?:\d\.\d{1,3}\.\d{1,3} )?)/.exec(text);
  if (!head) return text;
  const [prefix, code, status] = head;
  const continuation = new RegExp(String.raw` ${code}[- ]${status!.replace(/\./g, '\\.')}`, 'g');
  return `${code} ${status}${text.slice(prefix.length).replace(continuation, ' ')}`;
}

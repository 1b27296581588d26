/**
 * PostgreSQL's text and jsonb cannot hold U+0000, and text from outside the API (an SMTP server's
 * reply, a provider's error) may carry it; requests are refused at validation instead. Here it
 * becomes U+FFFD, so one odd reply cannot fail a write, nor every write batched with it.
 */
export function storableText<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value) as T;
}

import { decode as decodeQuotedPrintable } from 'libqp';
import { splitMessage } from './fake-smtp-server';

/** The decoded text of each leaf part of a MIME message, by content type (`text/html`, `text/plain`). */
export function mimeParts(raw: string): Map<string, string> {
  const parts = new Map<string, string>();
  const walk = (entity: string) => {
    const { headers, body } = splitMessage(entity);
    const contentType = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (contentType.startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1, -1);
      for (const section of sections) walk(section.replace(/^\r\n/, ''));
      return;
    }
    const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
    const bytes =
      encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : encoding === 'base64'
          ? Buffer.from(body, 'base64')
          : Buffer.from(body);
    // SMTP carries lines as CRLF; compare with what the author wrote.
    parts.set(contentType.split(';')[0]!.trim().toLowerCase(), bytes.toString('utf8').replace(/\r\n$/, '').replace(/\r\n/g, '\n'));
  };
  walk(raw);
  return parts;
}

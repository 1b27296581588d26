import { decode as decodeQuotedPrintable } from 'libqp';
import { splitMessage } from './fake-smtp-server';

/**
 * A leaf part of a MIME message: its headers (names in lower case) and its decoded bytes; a part
 * that is not base64 keeps the line break before the next boundary.
 */
export interface MimeLeaf {
  headers: Record<string, string>;
  /** `multipart/…` types of the parts it is nested in, outermost first. */
  parents: string[];
  bytes: Buffer;
}

/** Every leaf part of a MIME message, in order, decoded from its transfer encoding. */
export function mimeLeaves(raw: string): MimeLeaf[] {
  const leaves: MimeLeaf[] = [];
  const walk = (entity: string, parents: string[]) => {
    const { headers, body } = splitMessage(entity);
    const contentType = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (contentType.startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1, -1);
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      for (const section of sections) walk(section.replace(/^\r\n/, ''), [...parents, type]);
      return;
    }
    const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
    const bytes =
      encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : encoding === 'base64'
          ? Buffer.from(body, 'base64')
          : Buffer.from(body);
    leaves.push({ headers, parents, bytes });
  };
  walk(raw, []);
  return leaves;
}

/** The decoded text of each leaf part of a MIME message, by content type (`text/html`, `text/plain`). */
export function mimeParts(raw: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const { headers, bytes } of mimeLeaves(raw)) {
    const contentType = headers['content-type'] ?? 'text/plain';
    // SMTP carries lines as CRLF; compare with what the author wrote.
    parts.set(contentType.split(';')[0]!.trim().toLowerCase(), bytes.toString('utf8').replace(/\r\n$/, '').replace(/\r\n/g, '\n'));
  }
  return parts;
}

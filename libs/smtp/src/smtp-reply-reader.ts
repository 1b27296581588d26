import { SmtpError } from './smtp-error';

/**
 * The longest reply line, and the longest reply, Mailroom reads from an SMTP server, both counted
 * with their CRLFs as RFC 5321 §4.5.3.1.5 counts its 512 octets per reply line. Real EHLO answers
 * are a few hundred bytes, so this is far beyond any real server while keeping what a hostile one
 * can make us buffer small. The worker's nodemailer transports get the same cap (`maxResponseSize`).
 */
export const MAX_SMTP_REPLY_BYTES = 64 * 1024;

const LIMIT_TEXT = `${MAX_SMTP_REPLY_BYTES / 1024} KB`;
const LF = 0x0a;
const CR = 0x0d;

export interface SmtpReply {
  code: number;
  /** The lines exactly as the server sent them, e.g. `250-PIPELINING`, `250 STARTTLS`. */
  lines: string[];
}

/**
 * Cuts the bytes a server sends into lines, and lines into replies. Each chunk is scanned once,
 * from where the previous one stopped, so the work is linear in what arrives however the server
 * splits it; a line or a reply longer than MAX_SMTP_REPLY_BYTES stops the reader.
 */
export class SmtpReplyReader {
  /** The start of a line whose end has not arrived yet, kept as the chunks it came in. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lines: string[] = [];
  private replyBytes = 0;

  constructor(private readonly onReply: (reply: SmtpReply) => void) {}

  /** Throws an SmtpError (EPROTOCOL) when a limit is exceeded; the reader must not be fed after that. */
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(LF, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      this.pendingBytes += piece.length;
      // Its LF still to come, a line this long would be too long.
      if (this.pendingBytes >= MAX_SMTP_REPLY_BYTES) throw tooLong(`the server sent a reply line longer than ${LIMIT_TEXT}`);
      if (end === -1) {
        this.pending.push(piece);
        return;
      }
      const line = this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.pendingBytes = 0;
      this.onLine(line);
      start = end + 1;
    }
  }

  private onLine(bytes: Buffer): void {
    this.replyBytes += bytes.length + 1;
    if (this.replyBytes > MAX_SMTP_REPLY_BYTES) throw tooLong(`the server sent a reply longer than ${LIMIT_TEXT}`);
    const line = (bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes).toString('utf8');
    this.lines.push(line);
    // RFC 5321 §4.2.1: "250-" continues a reply, "250 " (or a bare code) ends it.
    if (/^\d{3}-/.test(line)) return;
    const reply: SmtpReply = { code: Number(line.slice(0, 3)) || 0, lines: this.lines };
    this.lines = [];
    this.replyBytes = 0;
    this.onReply(reply);
  }
}

function tooLong(message: string): SmtpError {
  return new SmtpError('EPROTOCOL', message);
}

import { randomUUID } from 'node:crypto';

/** The short message the integration test delivers. */
export interface SmtpTestMessage {
  messageId: string;
  /** Ready for DATA: CRLF line endings, no line starting with a dot, so no dot-stuffing is needed. */
  data: string;
}

/** An address that goes between angle brackets of MAIL FROM / RCPT TO and into a header unchanged. */
export function assertEnvelopeAddress(field: string, address: string): void {
  if (!/^[^\s<>@",;:()[\]\\]+@[^\s<>@",;:()[\]\\]+$/.test(address)) {
    throw new Error(`${field} "${address.replace(/[\r\n]/g, ' ')}" is not a plain email address`);
  }
}

export function buildSmtpTestMessage(from: string, to: string, now: Date = new Date()): SmtpTestMessage {
  const messageId = `<${randomUUID()}@${from.split('@')[1]}>`;
  const lines = [
    `From: ${from}`,
    `To: ${to}`,
    'Subject: Mailroom SMTP test',
    `Date: ${now.toUTCString()}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    'This message was sent by Mailroom to test an SMTP integration.',
    'It arrived, so the integration can send mail. No reply is needed.',
  ];
  return { messageId, data: lines.join('\r\n') };
}

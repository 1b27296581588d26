/**
 * The fields Mailroom reads from an SMTP failure. nodemailer's errors have this shape
 * (`code` is its step code such as ESOCKET, `originalCode` the system or TLS code under it),
 * and so do the probe's own errors, so hints and classification work on both.
 */
export interface SmtpErrorLike {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  /** The server's reply, every line of it, e.g. `535 5.7.3 Authentication unsuccessful`. */
  response?: string;
  /** The command that got the reply: `AUTH XOAUTH2`, `RCPT TO`, `DATA`… */
  command?: string;
  message?: string;
}

/** A failure of the probe's own SMTP dialogue. */
export class SmtpError extends Error implements SmtpErrorLike {
  constructor(
    readonly code: string,
    message: string,
    readonly command?: string,
    readonly responseCode?: number,
    readonly response?: string,
  ) {
    super(message);
  }
}

/** The enhanced status code (RFC 3463) of a reply, such as `5.7.139`, if the server sent one. */
export function enhancedStatusCode(response: string | undefined): string | null {
  const match = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response ?? '');
  return match ? match[1] : null;
}

/** Reads an unknown thrown value as an SMTP failure without trusting its shape. */
export function asSmtpError(error: unknown): SmtpErrorLike {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const record = error as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  return {
    code: text('code'),
    originalCode: text('originalCode'),
    responseCode: typeof record.responseCode === 'number' ? record.responseCode : undefined,
    response: text('response'),
    command: text('command'),
    message: text('message'),
  };
}

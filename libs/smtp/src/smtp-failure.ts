import { SmtpErrorLike, enhancedStatusCode } from './smtp-error';

/**
 * What the sending worker does about a failure: retry later (`transient`), give up on this
 * message (`permanent`), or refresh the credentials once and then ask for a reconnect (`auth`).
 */
export type SmtpFailureKind = 'transient' | 'permanent' | 'auth';

// 535/534: credentials refused; 530: authentication required (5.7.0, Microsoft's 5.7.57).
const AUTH_REPLY_CODES = new Set([530, 534, 535]);
// 5.7.139 (SMTP AUTH disabled) and 5.7.3 (no right on the mailbox) come from Exchange, 5.7.8/5.7.9 from Google.
const AUTH_STATUS_CODES = new Set(['5.7.3', '5.7.8', '5.7.9', '5.7.57', '5.7.139']);
const AUTH_ERROR_CODES = new Set([
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ENOAUTHMETHOD',
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
]);
// A refused destination is a configuration decision; retrying cannot change it.
const PERMANENT_ERROR_CODES = new Set(['EHOSTREFUSED']);

export function classifySmtpFailure(error: SmtpErrorLike): SmtpFailureKind {
  const code = error.responseCode;
  if (code !== undefined && code >= 400) {
    if (code < 500) return 'transient';
    // 503 (bad sequence of commands) says the session was out of step, not that the message was refused.
    if (code === 503) return 'transient';
    if (AUTH_REPLY_CODES.has(code) || /^AUTH\b/i.test(error.command ?? '')) return 'auth';
    const status = enhancedStatusCode(error.response);
    return status && AUTH_STATUS_CODES.has(status) && !isEnvelopeCommand(error.command) ? 'auth' : 'permanent';
  }
  if (error.code && AUTH_ERROR_CODES.has(error.code)) return 'auth';
  if (error.code && PERMANENT_ERROR_CODES.has(error.code)) return 'permanent';
  // Connection, DNS, TLS and timeout failures, and anything unrecognised: the network is the likely
  // cause, and the worker's retries are bounded, so trying again later is the safe answer.
  return 'transient';
}

/** A 5.7.x reply to the envelope or the content refuses the message, not the login. */
function isEnvelopeCommand(command: string | undefined): boolean {
  return /^(MAIL|RCPT|DATA)\b/i.test(command ?? '');
}

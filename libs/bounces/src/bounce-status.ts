import { BounceKind } from './mailbox-report.types';

/**
 * An RFC 3463 enhanced status code (class.subject.detail). Not a piece of a longer dotted number
 * such as an IP address or a version, which also rules out `5.1.1` inside `10.5.1.1`.
 */
const ENHANCED_STATUS = String.raw`(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?!\.?\d)`;
const ANY_STATUS = new RegExp(ENHANCED_STATUS);
/** A class 4 or 5 code with the rest of its line, from the SMTP reply code when one comes first (`550 5.1.1 …`). */
const FAILURE_REPLY = new RegExp(String.raw`(?:\b[45]\d\d[ -])?(?=[45])(${ENHANCED_STATUS})[^\r\n]*`);

/** The first enhanced status code in a `Status` field or a server's answer. */
export function enhancedStatus(text: string): string | undefined {
  return ANY_STATUS.exec(text)?.[0];
}

/**
 * The first line of prose that carries a failure code, as the server's answer it quotes
 * (`550 5.1.1 <a@example.net>: Recipient address rejected: User unknown`).
 */
export function failureReply(text: string): { status: string; line: string } | undefined {
  const match = FAILURE_REPLY.exec(text);
  return match ? { status: match[1]!, line: match[0].trim() } : undefined;
}

/**
 * Whether a recipient bounced, and how (RFC 3464 §2.3.3 actions, RFC 3463 classes): `delayed`
 * means the server still retries, so soft whatever the code; `delivered`, `relayed` and
 * `expanded` are no bounce at all; otherwise class 5 is permanent (hard) and class 4 transient
 * (soft). A class 2 (success) code is no bounce either.
 */
export function bounceKind(action: string | undefined, status: string): BounceKind | null {
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return null;
  if (action === 'delayed') return 'soft';
  if (status.startsWith('5.')) return 'hard';
  if (status.startsWith('4.')) return 'soft';
  return null;
}

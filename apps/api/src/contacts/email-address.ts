import { isEmail } from 'class-validator';

export const MAX_EMAIL_LENGTH = 320;

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

/**
 * How an address is stored: trimmed and lowercased, so one person is one contact whatever case
 * a signup form or a spreadsheet used. Bulk inputs report the reason instead of failing the batch.
 */
export function normalizeEmail(raw: string): EmailCheck {
  const email = raw.trim().toLowerCase();
  if (email.length === 0) return { ok: false, reason: 'email is empty' };
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, reason: `email is longer than ${MAX_EMAIL_LENGTH} characters` };
  if (!isEmail(email)) return { ok: false, reason: 'not a valid email address' };
  return { ok: true, email };
}

import { escapeHtml } from '../http/html-page';

/** The password-reset mail, in words a person who did not ask for it can act on too. */
export function resetMail(name: string, url: string): { subject: string; text: string; html: string } {
  const text =
    `Hello ${name},\n\nSomeone (hopefully you) asked to reset your Mailroom password. Open this link to choose a new one; ` +
    `it works once, for a limited time:\n\n${url}\n\nIf you did not ask for this, ignore this mail: your password stays as it is.\n`;
  const html =
    `<p>Hello ${escapeHtml(name)},</p><p>Someone (hopefully you) asked to reset your Mailroom password. ` +
    `<a href="${escapeHtml(url)}">Choose a new password</a>; the link works once, for a limited time.</p>` +
    `<p>If you did not ask for this, ignore this mail: your password stays as it is.</p>`;
  return { subject: 'Reset your Mailroom password', text, html };
}

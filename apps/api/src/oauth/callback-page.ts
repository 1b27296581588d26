import type { Response } from 'express';
import { sendHtmlPage } from '../http/html-page';

/** What the OAuth callback shows the admin's browser: a redirect back to Mailroom's UI, or a small page. */
export type CallbackOutcome =
  { kind: 'redirect'; location: string } | { kind: 'page'; status: number; title: string; message: string; hint?: string };

/**
 * The callback URL carries the authorization code and the state: nothing may cache the answer, and
 * no page or redirect may pass that URL on as a Referer.
 */
export function sendCallbackOutcome(res: Response, outcome: CallbackOutcome): void {
  if (outcome.kind === 'redirect') {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, outcome.location);
    return;
  }
  sendHtmlPage(res, outcome.status, outcome);
}

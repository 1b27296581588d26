import type { Response } from 'express';

/** What the OAuth callback shows the admin's browser: a redirect back to Mailroom's UI, or a small page. */
export type CallbackOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; status: number; title: string; message: string; hint?: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

export function renderCallbackPage(page: { title: string; message: string; hint?: string }): string {
  const hint = page.hint ? `\n<p class="hint">${escapeHtml(page.hint)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Mailroom: ${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}.hint{background:#f4f4f4;padding:.75rem 1rem;border-radius:.25rem}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>${hint}
</body>
</html>
`;
}

/**
 * The callback URL carries the authorization code and the state: nothing may cache the answer, and
 * no page or redirect may pass that URL on as a Referer.
 */
export function sendCallbackOutcome(res: Response, outcome: CallbackOutcome): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (outcome.kind === 'redirect') {
    res.redirect(302, outcome.location);
    return;
  }
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.status(outcome.status).type('html').send(renderCallbackPage(outcome));
}

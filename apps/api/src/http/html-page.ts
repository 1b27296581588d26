import type { Response } from 'express';

/** A small page shown to a person's browser (OAuth callback, unsubscribe). */
export interface HtmlPage {
  title: string;
  message: string;
  hint?: string;
  /** A single-button form posting `fields` back to the same URL. */
  form?: { fields: Record<string, string>; button: string };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

export function renderPage(page: HtmlPage): string {
  const hint = page.hint ? `\n<p class="hint">${escapeHtml(page.hint)}</p>` : '';
  const form = page.form
    ? `\n<form method="post">${Object.entries(page.form.fields)
        .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
        .join('')}<button type="submit">${escapeHtml(page.form.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Mailroom: ${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}.hint{background:#f4f4f4;padding:.75rem 1rem;border-radius:.25rem}button{font-size:1rem;padding:.5rem 1rem}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>${hint}${form}
</body>
</html>
`;
}

/**
 * These URLs carry one-time codes or tokens: nothing may cache the answer, no page may pass the
 * URL on as a Referer, and the page runs no script.
 */
export function sendHtmlPage(res: Response, status: number, page: HtmlPage): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.status(status).type('html').send(renderPage(page));
}

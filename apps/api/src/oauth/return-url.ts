/**
 * Where the browser may be sent after the connect flow: a relative path, or a URL on the origin of
 * PUBLIC_BASE_URL. Anything else yields undefined, so the callback can never be an open redirect.
 * Parsing with the WHATWG URL parser (as browsers do) rather than matching strings is deliberate:
 * `//evil.example`, `/\evil.example` and `/<TAB>/evil.example` all resolve to another origin.
 */
export function allowedReturnUrl(returnUrl: string | undefined, publicBaseUrl: string): string | undefined {
  if (!returnUrl) return undefined;
  let base: URL;
  let target: URL;
  try {
    base = new URL(publicBaseUrl);
    target = new URL(returnUrl, base);
  } catch {
    return undefined;
  }
  if (target.origin !== base.origin || target.username || target.password) return undefined;
  return target.href;
}

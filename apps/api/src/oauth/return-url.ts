import { isNotDashboardSegment } from '../http/not-dashboard-paths';

/**
 * Where the browser may be sent after the connect flow: a dashboard page, given as a path or as a
 * URL on the origin of PUBLIC_BASE_URL, below its path. Anything else yields undefined, so the
 * callback can never be an open redirect.
 * Parsing with the WHATWG URL parser (as browsers do) rather than matching strings is deliberate:
 * `//evil.example`, `/\evil.example` and `/<TAB>/evil.example` all resolve to another origin, and
 * `/x/%2e%2e/t/` resolves to `/t/`. What it leaves encoded is decoded once and judged as a server
 * or proxy might read it: an encoded slash, backslash or dot segment, an empty segment or a
 * malformed escape is refused rather than guessed at, and segments compare without case because
 * Express routes do (`case sensitive routing` is off by default).
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
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!target.pathname.startsWith(`${basePath}/`)) return undefined;
  return isDashboardPath(target.pathname.slice(basePath.length)) ? target.href : undefined;
}

/** `path` starts with `/`; it is the part below PUBLIC_BASE_URL's path. */
function isDashboardPath(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  if (decoded.includes('\\')) return false;
  const segments = decoded.slice(1).split('/');
  const last = segments.length - 1;
  // Only a trailing slash may leave a segment empty.
  if (segments.some((segment, index) => segment === '.' || segment === '..' || (segment === '' && index < last))) return false;
  return !isNotDashboardSegment(segments[0]);
}

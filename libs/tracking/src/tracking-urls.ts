import type { TrackingKind } from './tracking-token';

/** The public tracking routes, served without authentication: `/t/o/{token}`, `/t/c/{token}`, `/u/{token}`. */
const PATHS: Record<TrackingKind, string> = { open: '/t/o/', click: '/t/c/', unsubscribe: '/u/' };

export function trackingUrl(publicBaseUrl: string, kind: TrackingKind, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${PATHS[kind]}${token}`;
}

/**
 * True for links that already lead to Mailroom's own tracking or unsubscribe routes (a template
 * that pastes in an unsubscribe link, a re-sent message): wrapping them again would only add a hop.
 */
export function isMailroomUrl(url: URL, publicBaseUrl: URL): boolean {
  if (url.origin !== publicBaseUrl.origin) return false;
  const basePath = publicBaseUrl.pathname.replace(/\/+$/, '');
  return Object.values(PATHS).some((path) => url.pathname.startsWith(basePath + path));
}

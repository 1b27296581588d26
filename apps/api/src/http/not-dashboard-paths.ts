/**
 * First path segments that are not the dashboard's pages: tracking and unsubscribe links redirect
 * onward or act on a token (`/t/c/…` goes wherever a message links to, so returning there after a
 * connect flow would chain into an open redirect), and the API, its documentation, health and
 * metrics belong to the server. The dashboard's fallback page never answers below them either.
 */
const NOT_DASHBOARD = new Set(['t', 'u', 'v1', 'docs', 'docs-json', 'health', 'metrics']);

/** Segments compare without case because Express routes do (`case sensitive routing` is off by default). */
export function isNotDashboardSegment(segment: string): boolean {
  return NOT_DASHBOARD.has(segment.toLowerCase());
}

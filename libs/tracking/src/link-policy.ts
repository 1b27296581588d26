import { isMailroomUrl } from './tracking-urls';

/**
 * The opt-out an author writes on a link: `<a href="…" data-mailroom-track="false">`.
 * A `data-` attribute is valid HTML, survives HTML sanitisers and editors, and names its owner.
 */
export const OPT_OUT_ATTRIBUTE = 'data-mailroom-track';

/*
 * Only absolute http(s) links are tracked. This one rule leaves alone mailto:, tel:, sms:,
 * #anchors, javascript:, data:, relative links (they have no base once inside a mail client) and
 * template placeholders, and it also means the click route can only ever redirect to http(s).
 */
const HTTP_SCHEME = /^https?:\/\//i;
// The WHATWG URL parser strips leading/trailing C0 controls and spaces and drops tabs and newlines
// anywhere, so `java\nscript:` or ` https://…` are what a browser would follow.
// eslint-disable-next-line no-control-regex -- matching C0 controls is the point, as the parser does
const URL_IGNORED_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const URL_IGNORED_INSIDE = /[\t\n\r]/g;

/**
 * The URL to record for a link, or null when the link must stay exactly as written. It is the
 * WHATWG serialisation (`new URL(href).href`), the URL a browser would request: non-ASCII is
 * percent-encoded (`/セール` → `/%E3%82%BB…`, hosts in punycode), so it can go in a Location header.
 */
export function trackableUrl(href: string, attributes: { name: string; value: string }[], publicBaseUrl: URL): string | null {
  const optOut = attributes.find((attribute) => attribute.name === OPT_OUT_ATTRIBUTE);
  if (optOut && optOut.value.trim().toLowerCase() === 'false') return null;

  const cleaned = href.replace(URL_IGNORED_EDGES, '').replace(URL_IGNORED_INSIDE, '');
  if (!HTTP_SCHEME.test(cleaned)) return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  return isMailroomUrl(url, publicBaseUrl) ? null : url.href;
}

/**
 * Where a click on a stored link redirects: its WHATWG serialisation. Links stored before they
 * were stored serialised may hold raw non-ASCII, which Node refuses in a Location header; null for
 * one that does not parse at all.
 */
export function redirectableUrl(stored: string): string | null {
  try {
    return new URL(stored).href;
  } catch {
    return null;
  }
}

export interface ListUnsubscribeHeaders {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': string;
}

/**
 * The two headers of RFC 8058 one-click unsubscribe, which Gmail and Yahoo require of bulk
 * senders. The mail client POSTs `List-Unsubscribe=One-Click` to the URL, so the URL must act on
 * that POST alone — no cookies, no confirmation page — and must itself identify the recipient
 * (here: the signed `unsubscribe` token). RFC 8058 § 3.1 asks for an HTTPS URL; plain http is
 * accepted so development on localhost works, but clients may ignore it.
 */
export function listUnsubscribeHeaders(url: string): ListUnsubscribeHeaders {
  // RFC 2369 wraps the URL in angle brackets; these characters would end it or fold the header.
  if (/[\s<>]/.test(url) || !/^https?:\/\//i.test(url)) {
    throw new Error(`List-Unsubscribe needs an absolute http(s) URL without spaces or angle brackets, got "${url}"`);
  }
  return {
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

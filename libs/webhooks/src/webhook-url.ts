import { isIP } from 'node:net';
import { nonPublicAddressKind, resolveOutboundHost } from '@app/smtp';

const ABSOLUTE = 'url must be an absolute http or https URL, such as https://example.com/webhooks/mailroom';

/** Why `url` cannot be an endpoint's address (a 400, naming the field), or null when it can. */
export function webhookUrlProblem(url: string, allowHttp: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ABSOLUTE;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return ABSOLUTE;
  if (parsed.protocol === 'http:' && !allowHttp) return 'url must use https: webhooks carry your data and are only sent encrypted';
  // Kept in the URL they would be stored and shown in the clear; the signature authenticates requests instead.
  if (parsed.username || parsed.password) return 'url must not contain a user name or password: receivers check the signature instead';
  return null;
}

/** The host an endpoint may not be sent to, with the reason in words. */
export class WebhookHostRefusedError extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly kind: string,
  ) {
    const via = hostname === address ? address : `${hostname} resolves to ${address}, which`;
    const article = /^(unspecified|IPv4)/.test(kind) ? 'an' : 'a';
    super(`${via} is ${article} ${kind} address; webhooks may only reach hosts on the public internet`);
  }
}

/** The host of a URL as sockets and DNS take it: IPv6 literals without their brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * An IP literal is never looked up, so the connection-time guard (see webhook-http-client.ts)
 * cannot see it: it is judged here, before each request.
 */
export function refusedLiteral(url: URL): WebhookHostRefusedError | null {
  const host = bareHostname(url);
  if (isIP(host) === 0) return null;
  const kind = nonPublicAddressKind(host);
  return kind ? new WebhookHostRefusedError(host, host, kind) : null;
}

/**
 * At save, the URL's host must resolve, and every address it resolves to must be public (the
 * guard of the integrations', see libs/smtp outbound-host-guard.ts); the check is repeated for
 * every connection a delivery opens.
 */
export async function checkWebhookHost(url: URL): Promise<void> {
  const host = bareHostname(url);
  try {
    await resolveOutboundHost(host, { allowPrivateHosts: false });
  } catch (error) {
    const refused = error as { code?: string; hostname?: string; address?: string; kind?: string };
    if (refused.code === 'EHOSTREFUSED') throw new WebhookHostRefusedError(refused.hostname!, refused.address!, refused.kind!);
    throw Object.assign(new Error(`${host} could not be resolved in DNS`), { code: 'ENOTFOUND' });
  }
}

import { isIP } from 'node:net';

/** What Express's `trust proxy` is given: nobody, the last n hops, or the listed proxies. */
export type TrustProxy = false | number | string[];

// proxy-addr's names for the loopback, link-local and private ranges.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * `off` (also empty, `false`, `0`), a hop count (`1` behind one load balancer), or a
 * comma-separated list of proxy addresses and CIDRs. Undefined for anything else: `true` is
 * refused on purpose, since it lets every client choose its own address through X-Forwarded-For.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (['', 'off', 'false', 'no', '0'].includes(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : undefined;
}

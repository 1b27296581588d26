import { isIPv6 } from 'node:net';
import { LRUCache } from 'lru-cache';
import { ipv4Of } from './ipv4-address';

/**
 * Tracking hits come from few addresses over and over (image proxies, gateways, one reader's
 * network), and working one out costs a microsecond of regular expressions; bounded, since
 * X-Forwarded-For can say anything.
 */
const truncatedByIp = new LRUCache<string, string | false>({
  max: 10_000,
  maxSize: 1_000_000,
  sizeCalculation: (_truncated, ip) => ip.length || 1,
});

/**
 * Events keep only the network, not the host: IPv4 to its /24, IPv6 to its /48 (the usual
 * allocation to one site), enough for coarse geography and abuse triage but not to single out
 * a subscriber. IPv4-mapped IPv6 (`::ffff:a.b.c.d`, what Node reports on a dual-stack socket) is
 * treated as the IPv4 address it is, or truncating it to /48 would erase it entirely.
 * Returns null for anything that is not an IP address.
 */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  let truncated = truncatedByIp.get(ip);
  if (truncated === undefined) {
    truncated = truncate(ip) ?? false;
    truncatedByIp.set(ip, truncated);
  }
  return truncated || null;
}

function truncate(ip: string): string | null {
  const address = ip.trim().replace(/%.*$/, ''); // a zone id (`fe80::1%eth0`) names a local interface
  const ipv4 = ipv4Of(address);
  if (ipv4 !== null) return truncateIpv4(ipv4);
  if (!isIPv6(address)) return null;

  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return truncateIpv4(`${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`);
  const network = [...groups.slice(0, 3), 0, 0, 0, 0, 0].map((group) => group.toString(16)).join(':');
  return canonicalIpv6(network);
}

function truncateIpv4(address: string): string {
  return `${address.slice(0, address.lastIndexOf('.'))}.0`;
}

/** The eight 16-bit groups, after the WHATWG URL parser has normalised `::` and dotted tails. */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = canonicalIpv6(address).split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text form (lower case, longest zero run compressed), as the URL standard writes it. */
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

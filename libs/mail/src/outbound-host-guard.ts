import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface ResolvedHost {
  /** The name as configured; TLS uses it for SNI and the certificate check. */
  hostname: string;
  /** The checked address to connect to, so a second DNS answer cannot swap it (DNS rebinding). */
  address: string;
  family: 4 | 6;
  /** Every address the name resolved to, in resolver order. */
  addresses: string[];
}

export interface OutboundHostOptions {
  allowPrivateHosts: boolean;
  lookup?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
}

/** Refused because the host is not on the public internet; `code` lets callers classify it. */
export class OutboundHostRefusedError extends Error {
  readonly code = 'EHOSTREFUSED';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly kind: string,
  ) {
    const via = hostname === address ? address : `${hostname} resolves to ${address}, which`;
    const article = kind === 'unspecified' ? 'an' : 'a';
    super(`${via} is ${article} ${kind} address; integrations may only reach hosts on the public internet`);
  }
}

interface AddressRange {
  kind: string;
  v4?: Array<[string, number]>;
  v6?: Array<[string, number]>;
}

// IANA special-purpose registries (RFC 6890 and successors): nothing a tenant's mail provider lives on.
const RANGES: AddressRange[] = [
  { kind: 'loopback', v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  { kind: 'private', v4: [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]] },
  { kind: 'unique-local', v6: [['fc00::', 7], ['fec0::', 10]] },
  { kind: 'link-local', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  { kind: 'carrier-grade NAT', v4: [['100.64.0.0', 10]] },
  { kind: 'multicast', v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
  { kind: 'unspecified', v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  {
    kind: 'reserved',
    v4: [
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['192.88.99.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['240.0.0.0', 4],
    ],
    v6: [['100::', 64], ['2001:db8::', 32], ['2001:2::', 48]],
  },
];

const LISTS = RANGES.map(({ kind, v4 = [], v6 = [] }) => {
  const list = new BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return { kind, list };
});

// NAT64 (RFC 6052) embeds an IPv4 address in the last 32 bits; a gateway would forward to it.
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/**
 * Names the kind of non-public address, or null for a public one. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) matches the IPv4 ranges: BlockList compares those as IPv4.
 */
export function nonPublicAddressKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const match = LISTS.find(({ list }) => list.check(address, type));
  if (match) return match.kind;
  if (type === 'ipv6' && NAT64.check(address, 'ipv6')) return nonPublicAddressKind(embeddedIpv4(address));
  return null;
}

/**
 * Resolves `hostname` and returns the address to connect to. When private hosts are not allowed,
 * every address must be public: a name answering with one public and one internal address could
 * otherwise steer a later connection inside.
 */
export async function resolveOutboundHost(hostname: string, options: OutboundHostOptions): Promise<ResolvedHost> {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const answers = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await (options.lookup ?? ((name: string) => dnsLookup(name, { all: true })))(bare);
  if (answers.length === 0) {
    throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND', hostname });
  }
  if (!options.allowPrivateHosts) {
    for (const { address } of answers) {
      const kind = nonPublicAddressKind(address);
      if (kind) throw new OutboundHostRefusedError(bare, address, kind);
    }
  }
  // IPv4 first: many networks resolve AAAA records they cannot route.
  const chosen = answers.find((answer) => answer.family === 4) ?? answers[0];
  return {
    hostname: bare,
    address: chosen.address,
    family: chosen.family === 6 ? 6 : 4,
    addresses: answers.map((answer) => answer.address),
  };
}

function embeddedIpv4(address: string): string {
  const groups = address.split(':');
  const last = groups[groups.length - 1];
  if (last.includes('.')) return last;
  const low = parseInt(last || '0', 16);
  const high = parseInt(groups[groups.length - 2] || '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

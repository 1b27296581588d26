import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

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
    const article = /^(unspecified|IPv4)/.test(kind) ? 'an' : 'a';
    super(`${via} is ${article} ${kind} address; integrations may only reach hosts on the public internet`);
  }
}

/**
 * How an IPv6 range that carries an IPv4 address is judged: by the IPv4 inside (a non-public one
 * always refuses), and, when that is public, either as public (`inner`) or still refused under
 * the range's own kind (`refuse`: forms no host on the public internet is reached through).
 */
interface Embedding {
  extract: (address: bigint) => bigint;
  publicInner: 'inner' | 'refuse';
}

interface AddressRange {
  network: string;
  prefix: number;
  kind: string;
  /** Where the range is defined; the IANA special-purpose address registries list them all. */
  rfc: string;
  embeds?: Embedding;
}

const low32 = (address: bigint): bigint => address & 0xffff_ffffn;

/**
 * RFC 6052 §2.2: behind a prefix of length n, the IPv4 address takes the 32 bits from bit n on,
 * skipping bits 64-71 (the `u` octet). Both that octet and the suffix after the IPv4 address are
 * zero, so an address where either is not cannot be of that prefix length: null.
 */
function rfc6052Ipv4(address: bigint, prefix: number): bigint | null {
  const bit = (index: number): bigint => (address >> BigInt(127 - index)) & 1n;
  let ipv4 = 0n;
  let index = prefix;
  for (let taken = 0; taken < 32; index++) {
    if (index >= 64 && index < 72) continue;
    ipv4 = (ipv4 << 1n) | bit(index);
    taken++;
  }
  const u = (address >> 56n) & 0xffn;
  const suffix = index >= 128 ? 0n : address & ((1n << BigInt(128 - index)) - 1n);
  return u === 0n && suffix === 0n ? ipv4 : null;
}

/**
 * The local-use prefix (RFC 8215) may be split by the operator into NAT64 prefixes of /48, /56,
 * /64 or /96: the first reading that is well formed (zero `u` octet and suffix) names the IPv4
 * address; the /96 reading, which has neither, is the fallback.
 */
const localUseNat64Ipv4 = (address: bigint): bigint =>
  [48, 56, 64].map((prefix) => rfc6052Ipv4(address, prefix)).find((ipv4) => ipv4 !== null) ?? low32(address);

// IANA IPv4 Special-Purpose Address Registry; the first matching row wins.
const IPV4_RANGES: AddressRange[] = [
  { network: '0.0.0.0', prefix: 8, kind: 'unspecified', rfc: 'RFC 791 ("this network")' },
  { network: '10.0.0.0', prefix: 8, kind: 'private', rfc: 'RFC 1918' },
  { network: '100.64.0.0', prefix: 10, kind: 'carrier-grade NAT', rfc: 'RFC 6598' },
  { network: '127.0.0.0', prefix: 8, kind: 'loopback', rfc: 'RFC 1122' },
  { network: '169.254.0.0', prefix: 16, kind: 'link-local', rfc: 'RFC 3927' },
  { network: '172.16.0.0', prefix: 12, kind: 'private', rfc: 'RFC 1918' },
  // Two addresses in it are globally reachable (RFC 7723, RFC 8155); no mail server lives there.
  { network: '192.0.0.0', prefix: 24, kind: 'reserved', rfc: 'RFC 6890 (IETF protocol assignments)' },
  { network: '192.0.2.0', prefix: 24, kind: 'reserved', rfc: 'RFC 5737 (documentation)' },
  { network: '192.88.99.0', prefix: 24, kind: 'reserved', rfc: 'RFC 7526 (6to4 relay anycast, deprecated)' },
  { network: '192.168.0.0', prefix: 16, kind: 'private', rfc: 'RFC 1918' },
  { network: '198.18.0.0', prefix: 15, kind: 'reserved', rfc: 'RFC 2544 (benchmarking)' },
  { network: '198.51.100.0', prefix: 24, kind: 'reserved', rfc: 'RFC 5737 (documentation)' },
  { network: '203.0.113.0', prefix: 24, kind: 'reserved', rfc: 'RFC 5737 (documentation)' },
  { network: '224.0.0.0', prefix: 4, kind: 'multicast', rfc: 'RFC 5771' },
  { network: '255.255.255.255', prefix: 32, kind: 'reserved', rfc: 'RFC 919 (limited broadcast)' },
  { network: '240.0.0.0', prefix: 4, kind: 'reserved', rfc: 'RFC 1112 (future use)' },
];

// IANA IPv6 Special-Purpose Address Registry; the first matching row wins, so ::/128 and ::1/128 precede ::/96.
const IPV6_RANGES: AddressRange[] = [
  { network: '::', prefix: 128, kind: 'unspecified', rfc: 'RFC 4291' },
  { network: '::1', prefix: 128, kind: 'loopback', rfc: 'RFC 4291' },
  // The socket connects to the IPv4 address itself.
  { network: '::ffff:0:0', prefix: 96, kind: 'IPv4-mapped', rfc: 'RFC 4291', embeds: { extract: low32, publicInner: 'inner' } },
  // Only meaningful inside a stateless translator's domain (SIIT).
  { network: '::ffff:0:0:0', prefix: 96, kind: 'IPv4-translated', rfc: 'RFC 2765', embeds: { extract: low32, publicInner: 'refuse' } },
  // Deprecated; a host with automatic tunnelling (Linux sit0) would still send to the IPv4 address.
  { network: '::', prefix: 96, kind: 'IPv4-compatible', rfc: 'RFC 4291 §2.5.5.1', embeds: { extract: low32, publicInner: 'refuse' } },
  // DNS64 synthesises these for every IPv4-only host on an IPv6-only network: the IPv4 address decides.
  { network: '64:ff9b::', prefix: 96, kind: 'NAT64', rfc: 'RFC 6052', embeds: { extract: low32, publicInner: 'inner' } },
  // IANA: not globally reachable.
  {
    network: '64:ff9b:1::',
    prefix: 48,
    kind: 'local-use NAT64',
    rfc: 'RFC 8215',
    embeds: { extract: localUseNat64Ipv4, publicInner: 'refuse' },
  },
  { network: '100::', prefix: 64, kind: 'reserved', rfc: 'RFC 6666 (discard-only)' },
  // Teredo, ORCHID, AMT and the rest; the few globally reachable blocks in it are refused as well.
  { network: '2001::', prefix: 23, kind: 'reserved', rfc: 'RFC 2928 (IETF protocol assignments)' },
  { network: '2001:db8::', prefix: 32, kind: 'reserved', rfc: 'RFC 3849 (documentation)' },
  {
    network: '2002::',
    prefix: 16,
    kind: '6to4',
    rfc: 'RFC 3056',
    embeds: { extract: (address) => (address >> 80n) & 0xffff_ffffn, publicInner: 'inner' },
  },
  { network: '3fff::', prefix: 20, kind: 'reserved', rfc: 'RFC 9637 (documentation)' },
  { network: '5f00::', prefix: 16, kind: 'reserved', rfc: 'RFC 9602 (SRv6 SIDs)' },
  { network: 'fc00::', prefix: 7, kind: 'unique-local', rfc: 'RFC 4193' },
  { network: 'fec0::', prefix: 10, kind: 'unique-local', rfc: 'RFC 3879 (site-local, deprecated)' },
  { network: 'fe80::', prefix: 10, kind: 'link-local', rfc: 'RFC 4291' },
  { network: 'ff00::', prefix: 8, kind: 'multicast', rfc: 'RFC 4291' },
];

// IANA IPv6 Address Space registry: outside 2000::/3 (global unicast, RFC 4291 §2.4) nothing else is assigned.
const GLOBAL_UNICAST = { network: '2000::', prefix: 3 };

interface CompiledRange extends AddressRange {
  bits: number;
  value: bigint;
}

const compile = (ranges: AddressRange[], bits: number, parse: (address: string) => bigint): CompiledRange[] =>
  ranges.map((range) => ({ ...range, bits, value: parse(range.network) }));

const IPV4 = compile(IPV4_RANGES, 32, parseIpv4);
const IPV6 = compile(IPV6_RANGES, 128, parseIpv6);
const GLOBAL_UNICAST_VALUE = parseIpv6(GLOBAL_UNICAST.network);

function inRange(address: bigint, bits: number, network: bigint, prefix: number): boolean {
  const shift = BigInt(bits - prefix);
  return address >> shift === network >> shift;
}

function classifyIpv4(address: bigint): string | null {
  return IPV4.find((range) => inRange(address, 32, range.value, range.prefix))?.kind ?? null;
}

function classifyIpv6(address: bigint): string | null {
  const special = IPV6.find((range) => inRange(address, 128, range.value, range.prefix));
  if (special) return judge(special, address);
  return inRange(address, 128, GLOBAL_UNICAST_VALUE, GLOBAL_UNICAST.prefix) ? null : 'reserved';
}

function judge(range: CompiledRange, address: bigint): string | null {
  if (!range.embeds) return range.kind;
  const inner = classifyIpv4(range.embeds.extract(address));
  if (inner) return inner;
  return range.embeds.publicInner === 'inner' ? null : range.kind;
}

/**
 * Names the kind of non-public address, or null for a public one. Explicit tables rather than
 * `BlockList` or ipaddr.js, which treat IPv4-compatible, -translated, local-use NAT64 and 6to4
 * addresses as ordinary IPv6 and so miss the loopback or private IPv4 address they lead to.
 */
export function nonPublicAddressKind(address: string): string | null {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  return family === 4 ? classifyIpv4(parseIpv4(bare)) : classifyIpv6(parseIpv6(bare));
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

function parseIpv4(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** `address` has passed `isIP`: groups of hex digits, at most one `::`, maybe a dotted IPv4 tail. */
function parseIpv6(address: string): bigint {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const hex = dotted ? address.slice(0, dotted.index) + ipv4AsGroups(dotted[1]) : address;
  const [head, tail] = hex.split('::').map((part) => (part ? part.split(':') : []));
  const groups = tail === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function ipv4AsGroups(dotted: string): string {
  const value = parseIpv4(dotted);
  return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
}

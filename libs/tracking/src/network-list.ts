import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { ipv4Of } from './ipv4-address';

type Network = readonly [address: string, prefix: number];

/**
 * Whether an address lies in one of a fixed set of networks. IPv4 addresses (plain, or mapped the
 * way Node reports them) are compared against 32-bit masks here: net.BlockList builds a
 * SocketAddress for every check, a sizeable part of a whole tracking hit (docs/BENCHMARKS.md,
 * "Measured once"). Other IPv6 addresses are left to BlockList.
 */
export class NetworkList {
  private readonly ipv4: Array<{ network: number; mask: number }> = [];
  private readonly blockList = new BlockList();

  constructor(networks: readonly Network[]) {
    for (const [address, prefix] of networks) {
      if (isIPv4(address)) {
        const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
        this.ipv4.push({ network: (ipv4Number(address) & mask) >>> 0, mask });
      }
      this.blockList.addSubnet(address, prefix, isIPv4(address) ? 'ipv4' : 'ipv6');
    }
  }

  contains(ip: string): boolean {
    const ipv4 = ipv4Of(ip);
    if (ipv4 !== null) {
      const address = ipv4Number(ipv4);
      return this.ipv4.some(({ network, mask }) => (address & mask) >>> 0 === network);
    }
    return isIPv6(ip) && this.blockList.check(ip, 'ipv6');
  }
}

function ipv4Number(dotted: string): number {
  return dotted.split('.').reduce((number, octet) => number * 256 + Number(octet), 0);
}

import { BlockList, isIPv4 } from 'node:net';
import { MICROSOFT_MAIL_NETWORKS } from './machine-signatures';
import { NetworkList } from './network-list';

const NETWORKS = [
  ['40.92.0.0', 15],
  ['23.103.160.0', 20],
  ['2a01:111:f400::', 48],
] as const;

describe('NetworkList', () => {
  const list = new NetworkList(NETWORKS);

  it('finds IPv4 addresses inside the networks and only those', () => {
    expect(list.contains('40.92.0.1')).toBe(true);
    expect(list.contains('40.93.255.255')).toBe(true);
    expect(list.contains('40.94.0.0')).toBe(false);
    expect(list.contains('23.103.175.9')).toBe(true);
    expect(list.contains('23.103.176.0')).toBe(false);
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address it carries, in any spelling', () => {
    expect(list.contains('::ffff:40.92.18.7')).toBe(true);
    expect(list.contains('::FFFF:40.92.18.7')).toBe(true);
    expect(list.contains('::ffff:285c:1207')).toBe(true);
    expect(list.contains('0:0:0:0:0:ffff:40.92.18.7')).toBe(true);
    expect(list.contains('::ffff:203.0.113.9')).toBe(false);
  });

  it('matches IPv6 networks', () => {
    expect(list.contains('2a01:111:f400:7e00::1')).toBe(true);
    expect(list.contains('2a01:111:f401::1')).toBe(false);
  });

  it.each(['', 'localhost', '40.92.1', '40.92.0.256', '::ffff:40.92.0.256'])('contains nothing like %p', (input) => {
    expect(list.contains(input)).toBe(false);
  });

  it("agrees with net.BlockList on Microsoft's mail networks", () => {
    const blockList = new BlockList();
    for (const [address, prefix] of MICROSOFT_MAIL_NETWORKS) blockList.addSubnet(address, prefix, isIPv4(address) ? 'ipv4' : 'ipv6');
    const microsoft = new NetworkList(MICROSOFT_MAIL_NETWORKS);
    for (const [address] of MICROSOFT_MAIL_NETWORKS.filter(([address]) => isIPv4(address))) {
      const [a, b] = address.split('.').map(Number) as [number, number];
      for (let third = 0; third < 256; third += 15) {
        for (const ip of [`${a}.${b}.${third}.7`, `${a}.${b + 3}.${third}.7`, `${a}.${b - 1}.${third}.200`]) {
          expect(microsoft.contains(ip)).toBe(blockList.check(ip, 'ipv4'));
          expect(microsoft.contains(`::ffff:${ip}`)).toBe(blockList.check(`::ffff:${ip}`, 'ipv6'));
        }
      }
    }
  });
});

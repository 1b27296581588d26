import { OutboundHostRefusedError, nonPublicAddressKind, resolveOutboundHost } from './outbound-host-guard';

const answers =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('nonPublicAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['fd12:3456::1', 'unique-local'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['192.0.2.7', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
  ])('names %s as %s', (address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  it.each(['52.96.0.1', '142.250.1.108', '2603:1026::1', '::ffff:52.96.0.1', '64:ff9b::8.8.8.8'])('finds %s public', (address) => {
    expect(nonPublicAddressKind(address)).toBeNull();
  });

  // One row per range of the IANA special-purpose registries, at its edges where a neighbour is public.
  it.each([
    ['0.1.2.3', 'unspecified'],
    ['10.255.255.255', 'private'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.255.255.254', 'loopback'],
    ['172.16.0.1', 'private'],
    ['192.0.0.9', 'reserved'],
    ['192.0.2.255', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['198.51.100.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['100::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:1ff:ffff::1', 'reserved'],
    ['3fff:fff::1', 'reserved'],
    ['5f00::1', 'reserved'],
    ['fec0::1', 'unique-local'],
    ['feff::1', 'unique-local'],
    ['febf::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['4000::1', 'reserved'],
  ])('names %s (special-purpose range) as %s', (address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  // Every form of IPv6 address that carries an IPv4 one is judged by the IPv4 inside.
  it.each([
    ['IPv4-compatible (::/96), hex', '::7f00:1', 'loopback'],
    ['IPv4-compatible (::/96), dotted', '::127.0.0.1', 'loopback'],
    ['IPv4-compatible (::/96), private', '::a00:1', 'private'],
    ['IPv4-mapped (::ffff:0:0/96), hex', '::ffff:7f00:1', 'loopback'],
    ['IPv4-mapped (::ffff:0:0/96), uncompressed', '0:0:0:0:0:ffff:a00:1', 'private'],
    ['IPv4-translated (::ffff:0:0:0/96), hex', '::ffff:0:7f00:1', 'loopback'],
    ['IPv4-translated (::ffff:0:0:0/96), dotted', '::ffff:0:169.254.169.254', 'link-local'],
    ['NAT64 well-known (64:ff9b::/96), hex', '64:ff9b::7f00:1', 'loopback'],
    ['NAT64 well-known (64:ff9b::/96), link-local', '64:ff9b::a9fe:a9fe', 'link-local'],
    ['NAT64 local-use (64:ff9b:1::/48) with a /96 prefix', '64:ff9b:1::7f00:1', 'loopback'],
    ['NAT64 local-use with a /96 prefix, dotted', '64:ff9b:1::10.0.0.1', 'private'],
    ['NAT64 local-use with a /48 prefix (RFC 6052 bits 48-63 and 72-87)', '64:ff9b:1:a00:0:100::', 'private'],
    ['NAT64 local-use with a /56 prefix (bits 56-63 and 72-95)', '64:ff9b:1:7f:0:1::', 'loopback'],
    ['NAT64 local-use with a /64 prefix (bits 72-103)', '64:ff9b:1:0:7f:0:100:0', 'loopback'],
    ['6to4 (2002::/16, bits 16-47)', '2002:7f00:1::1', 'loopback'],
    ['6to4 of a private address', '2002:a00:1:1::1', 'private'],
    ['6to4 of the metadata address', '2002:a9fe:a9fe::', 'link-local'],
  ])('decodes %s: %s is %s', (_, address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  // Forms that no public host is reached through are refused whatever IPv4 they carry.
  it.each([
    ['::8.8.8.8', 'IPv4-compatible'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated'],
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
  ])('refuses %s, carrying a public IPv4, as %s', (address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  it.each([
    '2002:808:808::1',
    '2001:200::1',
    '2a00:1450:4001::1b',
    '100.128.0.1',
    '172.32.0.1',
    '192.0.1.1',
    '198.20.0.1',
    '11.0.0.1',
    '2000::1',
  ])('finds %s, beside a special-purpose range, public', (address) => {
    expect(nonPublicAddressKind(address)).toBeNull();
  });
});

describe('resolveOutboundHost', () => {
  it('returns the checked address to connect to and keeps the name for TLS, preferring IPv4', async () => {
    const resolved = await resolveOutboundHost('smtp.example.com', {
      allowPrivateHosts: false,
      lookup: answers('2603:1026::1', '52.96.0.1'),
    });

    expect(resolved).toEqual({ hostname: 'smtp.example.com', address: '52.96.0.1', family: 4, addresses: ['2603:1026::1', '52.96.0.1'] });
  });

  it('refuses a name when any of its addresses is internal, so a later answer cannot steer inside', async () => {
    const refusal = resolveOutboundHost('rebind.example.com', { allowPrivateHosts: false, lookup: answers('52.96.0.1', '10.0.0.5') });

    await expect(refusal).rejects.toThrow(new OutboundHostRefusedError('rebind.example.com', '10.0.0.5', 'private'));
    await expect(refusal).rejects.toThrow('rebind.example.com resolves to 10.0.0.5, which is a private address');
    await expect(refusal).rejects.toMatchObject({ code: 'EHOSTREFUSED' });
  });

  it('refuses an IP literal without a lookup and says why', async () => {
    await expect(resolveOutboundHost('[::1]', { allowPrivateHosts: false })).rejects.toThrow(
      '::1 is a loopback address; integrations may only reach hosts on the public internet',
    );
  });

  it.each([
    ['[::7f00:1]', '::7f00:1 is a loopback address'],
    ['::ffff:0:7f00:1', '::ffff:0:7f00:1 is a loopback address'],
    ['64:ff9b:1::8.8.8.8', '64:ff9b:1::8.8.8.8 is a local-use NAT64 address'],
    ['::8.8.8.8', '::8.8.8.8 is an IPv4-compatible address'],
  ])('refuses the literal %s', async (host, message) => {
    await expect(resolveOutboundHost(host, { allowPrivateHosts: false })).rejects.toThrow(message);
  });

  it('refuses a name that resolves to an IPv4-embedding IPv6 address of an internal host', async () => {
    await expect(
      resolveOutboundHost('smtp.example.com', { allowPrivateHosts: false, lookup: answers('64:ff9b:1::a9fe:a9fe') }),
    ).rejects.toThrow('smtp.example.com resolves to 64:ff9b:1::a9fe:a9fe, which is a link-local address');
  });

  it('lets internal hosts through when the operator allows them', async () => {
    const resolved = await resolveOutboundHost('127.0.0.1', { allowPrivateHosts: true });

    expect(resolved).toMatchObject({ address: '127.0.0.1', family: 4 });
  });

  it('reports a name without addresses the way the resolver reports an unknown name', async () => {
    await expect(resolveOutboundHost('empty.example.com', { allowPrivateHosts: false, lookup: answers() })).rejects.toMatchObject({
      code: 'ENOTFOUND',
      message: 'empty.example.com has no address',
    });
  });
});

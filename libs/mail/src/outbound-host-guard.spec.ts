import { OutboundHostRefusedError, nonPublicAddressKind, resolveOutboundHost } from './outbound-host-guard';

const answers = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

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
});

describe('resolveOutboundHost', () => {
  it('returns the checked address to connect to and keeps the name for TLS, preferring IPv4', async () => {
    const resolved = await resolveOutboundHost('smtp.example.com', { allowPrivateHosts: false, lookup: answers('2603:1026::1', '52.96.0.1') });

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

import { truncateIp } from './ip-truncation';

describe('truncateIp', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
  });

  it('keeps the /48 of an IPv6 address, in canonical form', () => {
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:DB8::1')).toBe('2001:db8::');
    expect(truncateIp('fe80::1%eth0')).toBe('fe80::');
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(truncateIp('::ffff:198.51.100.23')).toBe('198.51.100.0');
  });

  it.each([null, undefined, '', 'localhost', '999.1.1.1', '1.2.3', '::g'])('returns null for %p', (input) => {
    expect(truncateIp(input)).toBeNull();
  });
});

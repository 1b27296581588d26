import { constantTimeEqual, hmacSha256, sha256Hex } from './signing';

describe('signing helpers', () => {
  it('computes the HMAC-SHA256 of RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('hashes with sha256 in hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares equal and unequal values of any length', () => {
    expect(constantTimeEqual('token-a', 'token-a')).toBe(true);
    expect(constantTimeEqual('token-a', 'token-b')).toBe(false);
    expect(constantTimeEqual('short', 'much-longer-value')).toBe(false);
  });
});

import { hashPassword, passwordMatches } from './password-hasher';

describe('password hasher', () => {
  it('stores an argon2id hash with OWASP parameters that verifies the password and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(passwordMatches(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwordMatches(stored, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('answers false, not an error, for a stored value that is not a hash', async () => {
    await expect(passwordMatches('not-a-hash', 'anything at all')).resolves.toBe(false);
  });
});

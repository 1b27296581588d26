import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses a password shorter than 12 characters', () => {
    expect(passwordProblem('short-pass1')).toBe('must be at least 12 characters');
  });

  it('refuses one of the most common passwords whatever its case', () => {
    expect(passwordProblem('Password1234')).toMatch(/most common/);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});

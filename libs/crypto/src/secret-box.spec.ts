import { randomBytes } from 'node:crypto';
import { keyIdOf, SecretBox, UndecryptableSecretError } from './secret-box';

describe('SecretBox', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('decrypts what it encrypted, and the ciphertext does not contain the plaintext', () => {
    const box = new SecretBox(oldKey);
    const ciphertext = box.encrypt('hunter2-password');
    expect(ciphertext).not.toContain('hunter2');
    expect(box.decrypt(ciphertext)).toBe('hunter2-password');
  });

  it('produces a different ciphertext each time for the same secret', () => {
    const box = new SecretBox(oldKey);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('names the key in every ciphertext', () => {
    expect(new SecretBox(oldKey).encrypt('x').split('.')[1]).toBe(keyIdOf(oldKey));
  });

  it('still reads ciphertexts of a previous key after rotation, and encrypts with the new one', () => {
    const before = new SecretBox(oldKey).encrypt('client-secret');
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.decrypt(before)).toBe('client-secret');
    expect(rotated.needsRotation(before)).toBe(true);
    const after = rotated.encrypt('client-secret');
    expect(after.split('.')[1]).toBe(keyIdOf(newKey));
    expect(rotated.needsRotation(after)).toBe(false);
  });

  it('refuses a ciphertext whose key is no longer configured', () => {
    const before = new SecretBox(oldKey).encrypt('x');
    expect(() => new SecretBox(newKey).decrypt(before)).toThrow(UndecryptableSecretError);
  });

  it('refuses a tampered ciphertext', () => {
    const box = new SecretBox(oldKey);
    const parts = box.encrypt('refresh-token').split('.');
    parts[4] = parts[4]!.slice(0, -2) + (parts[4]!.endsWith('AA') ? 'BB' : 'AA');
    expect(() => box.decrypt(parts.join('.'))).toThrow(UndecryptableSecretError);
  });

  it('refuses a ciphertext moved to another place (associated data differs)', () => {
    const box = new SecretBox(oldKey);
    const ciphertext = box.encrypt('password', 'integration:1');
    expect(box.decrypt(ciphertext, 'integration:1')).toBe('password');
    expect(() => box.decrypt(ciphertext, 'integration:2')).toThrow(UndecryptableSecretError);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});

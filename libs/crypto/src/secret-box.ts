import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class UndecryptableSecretError extends Error {}

interface KeyEntry {
  id: string;
  key: Buffer;
}

/** A short, stable, non-secret name for a key, stored in every ciphertext it produces. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

/**
 * AES-256-GCM for secrets at rest. Each ciphertext names the key that made it
 * (`v1.<keyId>.<iv>.<tag>.<data>`), so a new key can be introduced while older
 * ciphertexts stay readable with the previous keys until they are re-encrypted.
 */
export class SecretBox {
  private readonly current: KeyEntry;
  private readonly byId: Map<string, KeyEntry>;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new Error('encryption keys must be 32 bytes');
    }
    this.current = { id: keyIdOf(currentKey), key: currentKey };
    this.byId = new Map([this.current, ...previousKeys.map((key) => ({ id: keyIdOf(key), key }))].map((e) => [e.id, e]));
  }

  static fromBase64(currentKey: string, previousKeys: string[] = []): SecretBox {
    return new SecretBox(
      Buffer.from(currentKey, 'base64'),
      previousKeys.map((key) => Buffer.from(key, 'base64')),
    );
  }

  /** `associatedData` binds a ciphertext to its place (e.g. a row id) so it cannot be moved elsewhere. */
  encrypt(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(ciphertext: string, associatedData = ''): string {
    const [version, keyId, iv, tag, data] = ciphertext.split('.');
    const entry = this.byId.get(keyId ?? '');
    if (version !== VERSION || !entry || iv === undefined || tag === undefined || data === undefined) {
      throw new UndecryptableSecretError(`secret was encrypted with an unknown key (${keyId ?? 'none'})`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new UndecryptableSecretError('secret failed its integrity check');
    }
  }

  /** True when the ciphertext was made with an older key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean {
    return ciphertext.split('.')[1] !== this.current.id;
  }
}

import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@app/crypto';

export const API_KEY_PREFIX = 'mr_';

export interface NewApiKeySecret {
  /** Shown to the caller once, never stored. */
  key: string;
  keyHash: string;
  /** Enough to recognise the key in a list without revealing it. */
  prefix: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}

/** Keys carry 256 random bits, so a fast unsalted hash is enough to make the stored value useless. */
export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

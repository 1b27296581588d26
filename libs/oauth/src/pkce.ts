import { createHash } from 'node:crypto';
import { randomToken } from '@app/crypto';

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
}

/** RFC 7636 with S256: the verifier stays with Mailroom, only its SHA-256 travels through the browser. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomToken(48);
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

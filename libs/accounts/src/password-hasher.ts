import { hash, verify } from '@node-rs/argon2';

// The package's Algorithm enum is an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2;
/**
 * argon2id with OWASP's Password Storage Cheat Sheet minimum (19 MiB, 2 iterations, 1 lane):
 * a sign-in pays one hash, and a guessing attacker pays one per guess.
 */
const OWASP_ARGON2ID = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OWASP_ARGON2ID);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

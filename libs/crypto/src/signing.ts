import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: Buffer | string, data: string | Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Compares secrets without leaking, through timing, how much of them matched. */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  // Hashing first gives equal lengths, so the length itself is not revealed by an early return.
  return timingSafeEqual(createHash('sha256').update(left).digest(), createHash('sha256').update(right).digest());
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

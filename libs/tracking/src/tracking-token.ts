import { constantTimeEqual, hmacSha256 } from '@app/crypto';

export type TrackingKind = 'open' | 'click' | 'unsubscribe';

export interface TrackingTokenClaims {
  messageId: string;
  kind: TrackingKind;
  /** Required for `click`, absent for the other kinds. */
  linkIndex?: number;
}

export interface ParsedTrackingToken {
  messageId: string;
  kind: TrackingKind;
  linkIndex: number | null;
  /** True when the token was signed with `key`; compares the MACs in constant time. */
  verify(key: Buffer | string): boolean;
}

/*
 * Layout, before base64url:
 *   [1 byte: version << 4 | kind] [16 bytes: message UUID] [click only: link index, LEB128 varint] [12 bytes: MAC]
 * The MAC is HMAC-SHA256 under the workspace's tracking key, truncated to 96 bits: an attacker
 * cannot test guesses offline, so 96 bits leaves online forgery hopeless. The original URL is
 * deliberately not in the token: it is looked up by (message id, link index), so no token,
 * forged or not, can send a browser anywhere the message did not already link to.
 */
const VERSION = 1;
const UUID_BYTES = 16;
const MAC_BYTES = 12;
/** Three varint bytes: more links than any mail carries, and a hard bound on token length. */
const MAX_VARINT_BYTES = 3;
export const MAX_LINK_INDEX = 2 ** (7 * MAX_VARINT_BYTES) - 1;
const MIN_TOKEN_BYTES = 1 + UUID_BYTES + MAC_BYTES;
const MAX_TOKEN_BYTES = MIN_TOKEN_BYTES + MAX_VARINT_BYTES;
const MAX_TOKEN_CHARS = Math.ceil((MAX_TOKEN_BYTES * 4) / 3);
/** Keeps these MACs apart from anything else that might ever be signed with the same key. */
const MAC_CONTEXT = Buffer.from('mailroom:tracking-token\0');

const KIND_CODES: Record<TrackingKind, number> = { open: 1, click: 2, unsubscribe: 3 };
const KINDS_BY_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as TrackingKind]));
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

export function signTrackingToken(key: Buffer | string, claims: TrackingTokenClaims): string {
  if (!UUID_PATTERN.test(claims.messageId)) throw new Error(`messageId must be a UUID, got "${claims.messageId}"`);
  const code = KIND_CODES[claims.kind];
  if (code === undefined) throw new Error(`unknown tracking token kind "${String(claims.kind)}"`);
  const parts: Buffer[] = [Buffer.of((VERSION << 4) | code), Buffer.from(claims.messageId.replace(/-/g, ''), 'hex')];
  if (claims.kind === 'click') {
    const index = claims.linkIndex;
    if (index === undefined || !Number.isInteger(index) || index < 0 || index > MAX_LINK_INDEX) {
      throw new Error(`a click token needs a linkIndex between 0 and ${MAX_LINK_INDEX}`);
    }
    parts.push(encodeVarint(index));
  } else if (claims.linkIndex !== undefined) {
    throw new Error(`a ${claims.kind} token carries no linkIndex`);
  }
  const payload = Buffer.concat(parts);
  return Buffer.concat([payload, macOf(key, payload)]).toString('base64url');
}

/**
 * Reads a token without checking its MAC, so the caller can find the message (and through it
 * the workspace key) first, then call `verify`. Returns null for anything malformed — never throws
 * on input from the outside. `expectedKind` refuses e.g. an open token presented as a click.
 */
export function parseTrackingToken(token: unknown, expectedKind?: TrackingKind): ParsedTrackingToken | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !BASE64URL_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  // Base64url has spare bits in its last character; requiring the canonical spelling means no
  // two different strings are accepted as the same token.
  if (bytes.length < MIN_TOKEN_BYTES || bytes.toString('base64url') !== token) return null;

  const header = bytes[0]!;
  const kind = KINDS_BY_CODE.get(header & 0x0f);
  if (header >> 4 !== VERSION || !kind || (expectedKind && kind !== expectedKind)) return null;

  let offset = 1 + UUID_BYTES;
  let linkIndex: number | null = null;
  if (kind === 'click') {
    const varint = decodeVarint(bytes, offset);
    if (!varint) return null;
    linkIndex = varint.value;
    offset = varint.end;
  }
  if (bytes.length !== offset + MAC_BYTES) return null;

  const payload = bytes.subarray(0, offset);
  const mac = bytes.subarray(offset);
  return {
    messageId: formatUuid(bytes.subarray(1, 1 + UUID_BYTES)),
    kind,
    linkIndex,
    verify: (key) => constantTimeEqual(mac, macOf(key, payload)),
  };
}

function macOf(key: Buffer | string, payload: Buffer): Buffer {
  return hmacSha256(key, Buffer.concat([MAC_CONTEXT, payload])).subarray(0, MAC_BYTES);
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Rejects overlong (non-minimal) encodings too, so each index has exactly one spelling. */
function decodeVarint(bytes: Buffer, start: number): { value: number; end: number } | null {
  let value = 0;
  for (let i = 0; i < MAX_VARINT_BYTES && start + i < bytes.length; i++) {
    const byte = bytes[start + i]!;
    value |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) === 0) {
      if (i > 0 && byte === 0) return null;
      return { value, end: start + i + 1 };
    }
  }
  return null;
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { scanBodyForNul } from './nul-characters';

// No request body of the API nests deeper than a few levels; 32 leaves room for any metadata.
export const MAX_JSON_NESTING = 32;

/**
 * `verify` hook of the JSON body parser, run on the raw bytes before they are parsed. Refuses
 * what would otherwise reach the validators and fail there with a 500: class-transformer
 * recurses once per level, so a body nested 100,000 deep overflowed the stack (and cost a
 * second of CPU per request first). Then marks bodies that may hold a NUL.
 */
export function verifyJsonBody(request: Request, response: unknown, body: Buffer, encoding: string | null): void {
  // RFC 8259 §8.1: JSON between systems is UTF-8. The byte scans below rely on it.
  if (encoding !== 'utf-8') throw new UnsupportedMediaTypeException(`Send JSON as UTF-8 (got charset ${encoding})`);
  if (nestsDeeperThan(body, MAX_JSON_NESTING)) {
    throw new BadRequestException([`The JSON body nests arrays and objects deeper than ${MAX_JSON_NESTING} levels`]);
  }
  scanBodyForNul(request, response, body);
}

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Depth of `[`/`{` outside strings, in UTF-8 JSON. Bodies with few brackets (every send) skip the byte loop. */
export function nestsDeeperThan(body: Buffer, max: number): boolean {
  let brackets = 0;
  for (const opener of [OPEN_ARRAY, OPEN_OBJECT]) {
    for (let at = body.indexOf(opener); at !== -1 && brackets <= max; at = body.indexOf(opener, at + 1)) brackets++;
  }
  if (brackets <= max) return false;

  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

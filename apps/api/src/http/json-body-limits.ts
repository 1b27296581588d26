import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@app/config';
import { scanBodyForNul } from './nul-characters';

// No request body of the API nests deeper than a few levels; 32 leaves room for any metadata.
export const MAX_JSON_NESTING = 32;

/** JSON bodies of every route but the sends: html and text of 2 MiB each even when JSON escapes every character. */
export const MAX_JSON_BODY_BYTES = 10 * 1024 * 1024;
// What one attachment's JSON adds besides its base64: keys, quotes, a filename of 1,024
// characters, a content type and a Content-ID.
const ATTACHMENT_FIELDS_BYTES = 4 * 1024;
const SEND_ROUTE = /^\/v1\/workspaces\/[^/]+\/messages(\/batch)?\/?$/;

/**
 * The JSON limit of the send endpoints: what every route takes, plus the base64 of the most
 * attachment bytes a message may carry (4 characters per 3 bytes) and the fields of the most
 * attachments. A batch shares it: its messages together carry no more than one message may.
 */
export function sendBodyLimit(config: Pick<AppConfig, 'MESSAGE_MAX_ATTACHMENT_BYTES' | 'MESSAGE_MAX_ATTACHMENTS'>): number {
  return (
    MAX_JSON_BODY_BYTES + Math.ceil(config.MESSAGE_MAX_ATTACHMENT_BYTES / 3) * 4 + config.MESSAGE_MAX_ATTACHMENTS * ATTACHMENT_FIELDS_BYTES
  );
}

export function isSendRoute(method: string, path: string): boolean {
  return method === 'POST' && SEND_ROUTE.test(path);
}

/**
 * The JSON body parsers: the send endpoints' with their larger limit first (a body it parsed is
 * left alone by the next one), then every other route's. A body over its limit is a 413 that
 * names the limit, read to its end first so the client sees the answer (as body-parser does).
 */
export function parseJsonBodies(app: NestExpressApplication, config: AppConfig): void {
  const sendLimit = sendBodyLimit(config);
  const sends = express.json({ limit: sendLimit, verify: verifyJsonBody });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isSendRoute(request.method, request.path)) return next();
    sends(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      next(
        new PayloadTooLargeException(
          `The body is larger than the ${sendLimit} bytes a send takes: attachments may hold ` +
            `${config.MESSAGE_MAX_ATTACHMENT_BYTES} bytes decoded (MESSAGE_MAX_ATTACHMENT_BYTES), base64 adds a third`,
        ),
      );
    });
  });
  app.useBodyParser('json', { limit: MAX_JSON_BODY_BYTES, verify: verifyJsonBody });
}

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

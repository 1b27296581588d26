import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * PostgreSQL refuses U+0000 in `text` and `jsonb`, so a NUL that reaches a query fails it — and
 * with group commit (AcceptedMessagesWriter) it fails every send inserted in the same statement.
 * It is refused here, once for every route, before any DTO, guard or service sees the request.
 *
 * The check must cost nothing on clean requests: the body parsers' `verify` hook scans the raw
 * bytes for the only ways a NUL can be written (JSON's `\u0000` escape, a form's `%00`, the byte
 * itself) and only a body that matches is walked; the URL is scanned for `%00` alone.
 */

const MAY_HOLD_NUL = Symbol('mayHoldNul');
const NUL_SPELLINGS = [Buffer.from('\\u0000'), Buffer.from('%00'), Buffer.from([0])];
// A body of a million NULs needs no million messages: the client learns the rule from a few.
const MAX_REPORTED = 10;

type ScannedRequest = Request & { [MAY_HOLD_NUL]?: true };

/**
 * Body parsers' `verify` hook: marks a body whose raw bytes may spell a NUL. The spellings are
 * ASCII, so this holds for the charsets the parsers accept: UTF-8 (JSON, forms) and ISO-8859-1 (forms).
 */
export function scanBodyForNul(request: ScannedRequest, _response: unknown, body: Buffer): void {
  if (NUL_SPELLINGS.some((spelling) => body.includes(spelling))) request[MAY_HOLD_NUL] = true;
}

/** Express middleware, after the body parsers: 400 naming every field (up to a few) that holds a NUL. */
export function refuseNulCharacters(request: ScannedRequest, _response: Response, next: NextFunction): void {
  const url = request.url;
  const inUrl = url.includes('%00') || url.includes('\0');
  if (!inUrl && !request[MAY_HOLD_NUL]) return next();

  const problems: string[] = [];
  if (inUrl) {
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    // Route parameters are not known before routing; the path as a whole is named instead.
    if (path.includes('%00') || path.includes('\0')) problems.push('the URL path must not contain the NUL character (%00)');
    if (queryStart !== -1) {
      problems.push(...fieldsHoldingNul(request.query).map((field) => `${field} must not contain the NUL character (%00)`));
    }
  }
  if (request[MAY_HOLD_NUL]) {
    problems.push(...fieldsHoldingNul(request.body, 'body').map((field) => `${field} must not contain the NUL character (\\u0000)`));
  }
  next(problems.length > 0 ? new BadRequestException(problems.slice(0, MAX_REPORTED)) : undefined);
}

interface Visit {
  value: object;
  parent: Visit | undefined;
  key: string | number;
}

/**
 * The paths (`to[0].name`, `attributes.plan`) of the strings and keys in `value` that contain
 * U+0000, shallowest first, at most MAX_REPORTED. Breadth-first over a queue, so no nesting depth
 * a parser accepts can overflow the stack; a path string is built only for a hit.
 */
export function fieldsHoldingNul(value: unknown, rootName = 'value'): string[] {
  const found: string[] = [];
  const pathOf = (parent: Visit | undefined, key: string | number): string => {
    const keys: Array<string | number> = [key];
    for (let visit = parent; visit; visit = visit.parent) keys.push(visit.key);
    const path = keys
      .reverse()
      .slice(1)
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part.replaceAll('\0', '\\u0000')}`))
      .join('')
      .replace(/^\./, '');
    return path === '' ? rootName : path;
  };
  const queue: Visit[] = [];
  const check = (child: unknown, parent: Visit | undefined, key: string | number) => {
    if (typeof child === 'string') {
      if (child.includes('\0')) found.push(pathOf(parent, key));
    } else if (child !== null && typeof child === 'object') {
      queue.push({ value: child, parent, key });
    }
  };

  check(value, undefined, '');
  for (let next = 0; next < queue.length && found.length < MAX_REPORTED; next++) {
    const visit = queue[next]!;
    if (Array.isArray(visit.value)) {
      visit.value.forEach((child, index) => check(child, visit, index));
    } else {
      for (const [key, child] of Object.entries(visit.value)) {
        if (key.includes('\0')) found.push(pathOf(visit, key));
        check(child, visit, key);
      }
    }
  }
  return found.slice(0, MAX_REPORTED);
}

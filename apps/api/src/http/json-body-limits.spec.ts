import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { MAX_JSON_NESTING, nestsDeeperThan, verifyJsonBody } from './json-body-limits';

describe('nestsDeeperThan', () => {
  const nested = (levels: number) => Buffer.from(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

  it('measures the nesting of arrays and objects', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":{"b":{"c":{}}}}'), 3)).toBe(true);
  });

  it('counts many brackets side by side as one level', () => {
    expect(nestsDeeperThan(Buffer.from(JSON.stringify(Array(1000).fill({ to: [{ email: 'a' }] }))), 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(Buffer.from(JSON.stringify([`\\"[[[[[[${'{'.repeat(50)}`])), 3)).toBe(false);
  });
});

describe('verifyJsonBody', () => {
  const verify =
    (raw: string | Buffer, encoding = 'utf-8') =>
    () =>
      verifyJsonBody({} as Request, undefined, Buffer.from(raw), encoding);

  it('refuses a body nested deeper than the limit with a 400', () => {
    expect(verify(`${'['.repeat(MAX_JSON_NESTING + 1)}${']'.repeat(MAX_JSON_NESTING + 1)}`)).toThrow(BadRequestException);
  });

  it('refuses JSON that is not UTF-8', () => {
    expect(verify('{}', 'utf-16le')).toThrow(UnsupportedMediaTypeException);
  });

  it('accepts an ordinary send', () => {
    expect(
      verify(JSON.stringify({ to: [{ email: 'a@example.com', name: 'A' }], subject: 'Hi', headers: { 'X-A': 'b' }, metadata: { a: 1 } })),
    ).not.toThrow();
  });
});

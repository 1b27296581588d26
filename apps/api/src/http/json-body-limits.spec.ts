import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { isSendRoute, MAX_JSON_BODY_BYTES, MAX_JSON_NESTING, nestsDeeperThan, sendBodyLimit, verifyJsonBody } from './json-body-limits';

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

describe('sendBodyLimit', () => {
  const limits = (MESSAGE_MAX_ATTACHMENT_BYTES: number, MESSAGE_MAX_ATTACHMENTS: number) =>
    sendBodyLimit({ MESSAGE_MAX_ATTACHMENT_BYTES, MESSAGE_MAX_ATTACHMENTS });

  it('adds to the JSON limit of every route the base64 of the attachment limit and the fields of each attachment', () => {
    const tenMiB = 10 * 1024 * 1024;
    expect(limits(tenMiB, 20)).toBe(MAX_JSON_BODY_BYTES + Math.ceil(tenMiB / 3) * 4 + 20 * 4096);
    expect(limits(0, 0)).toBe(MAX_JSON_BODY_BYTES);
  });

  it('fits a send whose attachments reach the limit exactly, and grows no further than the limit needs', () => {
    const bytes = 10 * 1024 * 1024;
    const body = Buffer.byteLength(
      JSON.stringify({
        to: ['a@example.com'],
        subject: 'Invoice',
        html: '<p>x</p>'.repeat(100_000),
        attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', content: Buffer.alloc(bytes).toString('base64') }],
      }),
    );
    expect(body).toBeLessThan(limits(bytes, 20));
    expect(limits(bytes, 20) - limits(bytes - 3 * 1024, 20)).toBe(4 * 1024);
  });
});

describe('isSendRoute', () => {
  it.each([
    ['POST', '/v1/workspaces/8c6b/messages', true],
    ['POST', '/v1/workspaces/8c6b/messages/batch', true],
    ['POST', '/v1/workspaces/8c6b/messages/', true],
    ['GET', '/v1/workspaces/8c6b/messages', false],
    ['POST', '/v1/workspaces/8c6b/contacts', false],
    ['POST', '/v1/workspaces/8c6b/messages/batch/extra', false],
    ['POST', '/v1/workspaces/a/b/messages', false],
  ])('%s %s: %p', (method, path, expected) => {
    expect(isSendRoute(method, path)).toBe(expected);
  });
});

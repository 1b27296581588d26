import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fieldsHoldingNul, refuseNulCharacters, scanBodyForNul } from './nul-characters';

describe('fieldsHoldingNul', () => {
  it('names strings and keys holding U+0000 by their path, shallowest first', () => {
    const body = {
      to: [{ email: 'a@example.com', name: 'A\u0000' }],
      subject: '\u0000',
      attributes: { ['pl\u0000an']: 'pro', tier: 'x\u0000' },
    };
    expect(fieldsHoldingNul(body)).toEqual(['subject', 'attributes.pl\\u0000an', 'attributes.tier', 'to[0].name']);
  });

  it('finds nothing in clean values, numbers, nulls and the six characters \\u0000 written as text', () => {
    expect(fieldsHoldingNul({ a: ['\\u0000', 1, null, true, { b: 'ok' }] })).toEqual([]);
  });

  it('names a string body by the root name', () => {
    expect(fieldsHoldingNul('x\u0000', 'body')).toEqual(['body']);
  });

  it('walks nesting deeper than the call stack allows', () => {
    let deep: unknown = ['\u0000'];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(fieldsHoldingNul(deep)).toHaveLength(1);
  });

  it('reports at most ten fields', () => {
    expect(fieldsHoldingNul(Array(1000).fill('\u0000'))).toHaveLength(10);
  });
});

describe('refuseNulCharacters', () => {
  const run = (request: Partial<Request>) => {
    const next = jest.fn();
    refuseNulCharacters(request as Request, {} as Response, next);
    return next.mock.calls[0]?.[0] as BadRequestException | undefined;
  };
  const scanned = (raw: string, body: unknown) => {
    const request = { url: '/v1/x', query: {}, body } as Partial<Request>;
    scanBodyForNul(request as Request, undefined, Buffer.from(raw));
    return request;
  };

  it('lets a clean request through without walking its body', () => {
    const body = {
      get subject(): string {
        throw new Error('walked');
      },
    };
    expect(run(scanned('{"subject":"hi"}', body))).toBeUndefined();
  });

  it.each([
    ['a JSON escape', '{"name":"a\\u0000"}'],
    ['a form escape', 'name=a%00'],
  ])('refuses %s in the body, naming the field', (_, raw) => {
    const error = run(scanned(raw, { name: 'a\u0000' }));
    expect(error?.getResponse()).toMatchObject({ message: ['name must not contain the NUL character (\\u0000)'] });
  });

  it('refuses %00 in the query, naming the parameter, and in the path', () => {
    const error = run({ url: '/v1/a%00b?to=x%00', query: { to: 'x\u0000' } });
    expect(error?.getResponse()).toMatchObject({
      message: ['the URL path must not contain the NUL character (%00)', 'to must not contain the NUL character (%00)'],
    });
  });
});

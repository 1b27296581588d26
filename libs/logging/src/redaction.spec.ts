import { pino, stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { ERROR_SERIALIZERS, REDACTED_PATHS, redactError, redactUrl } from './redaction';

describe('redactUrl', () => {
  it('hides the query string, where OAuth codes and state travel', () => {
    expect(redactUrl('/v1/oauth2/callback?code=abc&state=def')).toBe('/v1/oauth2/callback?[query]');
  });

  it('hides tracking and unsubscribe tokens', () => {
    expect(redactUrl('/t/c/AbC123')).toBe('/t/c/[token]');
    expect(redactUrl('/t/o/AbC123')).toBe('/t/o/[token]');
    expect(redactUrl('/u/xyz')).toBe('/u/[token]');
  });

  it('leaves ordinary paths alone', () => {
    expect(redactUrl('/v1/workspaces/1/messages')).toBe('/v1/workspaces/1/messages');
  });
});

describe('redactError', () => {
  const driverError = Object.assign(new Error('new row for relation "messages" violates check constraint "c"'), {
    code: '23514',
    constraint: 'c',
    detail: 'Failing row contains (https://example.com/reset?code=s3cret).',
  });
  const failed = new QueryFailedError('INSERT INTO messages SELECT * FROM json_to_recordset($1::json)', ['{"html":"s3cret"}'], driverError);

  it('keeps the SQL, the code and the constraint of a failed query, never its parameters or the failing row', () => {
    const logged = JSON.stringify(redactError(failed));
    expect(JSON.parse(logged)).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      constraint: 'c',
      query: expect.stringContaining('$1'),
    });
    expect(logged).not.toContain('s3cret');
  });

  it('also redacts an error wrapped in another, and one pino serialized already', () => {
    expect(JSON.stringify(redactError(new AggregateError([failed], 'flush failed')))).not.toContain('s3cret');
    expect(JSON.stringify(redactError(stdSerializers.err(failed)))).not.toContain('s3cret');
  });

  it('leaves the logged error itself unchanged', () => {
    redactError(failed);
    expect(failed.parameters).toEqual(['{"html":"s3cret"}']);
  });

  it('is what the root logger uses for err and error', () => {
    const lines: string[] = [];
    const logger = pino({ serializers: ERROR_SERIALIZERS }, { write: (line: string) => lines.push(line) });
    logger.error({ err: failed }, 'job failed');
    logger.error({ error: failed }, 'careless');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('s3cret');
  });
});

describe('REDACTED_PATHS', () => {
  it("hide a webhook's secret and signature wherever a careless log line puts them", () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, { write: (line: string) => lines.push(line) });
    const headers = { 'webhook-id': 'evt-1', 'webhook-signature': 'v1,c2lnbmF0dXJl' };
    logger.warn({ headers, endpoint: { secret: 'whsec_s3cret' }, request: { headers } }, 'careless');
    expect(lines.join('')).not.toMatch(/c2lnbmF0dXJl|whsec_s3cret/);
    expect(lines.join('')).toContain('evt-1');
  });
});

/**
 * Everything that may carry a secret, wherever it appears in a logged object. pino replaces
 * these paths before a line is written, so a careless `logger.info({ integration })` stays safe.
 */
const SECRET_FIELDS = [
  'password',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'apiKey',
  'key',
  'token',
  'authorization',
  'secret',
  'code_verifier',
  'codeVerifier',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
];

/** OAuth callbacks and tracking links carry one-time codes and tokens in the URL. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = url.replace(/^\/(t\/[oc]|u)\/[^/?]+/, '/$1/[token]');
  if (queryStart === -1) return path;
  return path.slice(0, path.indexOf('?')) + '?[query]';
}

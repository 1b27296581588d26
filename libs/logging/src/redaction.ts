import { stdSerializers } from 'pino';

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

/** Fields whose names are no identifiers (headers), written the way redaction paths take them. */
const SECRET_HEADERS = ['webhook-signature'];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
  ...SECRET_HEADERS.flatMap((header) => [`["${header}"]`, `*["${header}"]`, `*.*["${header}"]`]),
];

/** OAuth callbacks and tracking links carry one-time codes and tokens in the URL. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = url.replace(/^\/(t\/[oc]|u)\/[^/?]+/, '/$1/[token]');
  if (queryStart === -1) return path;
  return path.slice(0, path.indexOf('?')) + '?[query]';
}

/**
 * Fields of a database error that hold the values a query carried: `parameters` (TypeORM's
 * QueryFailedError) are the bound values, and PostgreSQL's `detail` (which TypeORM copies onto
 * the error from the driver's) repeats them: "Failing row contains (…)", "Key (email)=(…)", as does
 * its `where` for a failed COPY ("COPY message_events, line 3, column detail: …"). One
 * group-commit INSERT binds every batched message, so these would write bodies, password-reset
 * links and codes into the error log. The SQL text (`query`) has placeholders only and stays.
 */
const QUERY_VALUE_FIELDS = ['parameters', 'detail', 'where'];

const SERIALIZED_ERROR = Object.getPrototypeOf(stdSerializers.err(new Error())) as object;
const isSerializedError = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === SERIALIZED_ERROR;

function dropQueryValues(serialized: Record<string, unknown>): void {
  for (const field of QUERY_VALUE_FIELDS) delete serialized[field];
  for (const value of Object.values(serialized)) {
    // Nested errors (`driverError`, `aggregateErrors`) were serialized into new objects: safe to change.
    if (isSerializedError(value)) dropQueryValues(value);
    else if (Array.isArray(value)) value.filter(isSerializedError).forEach(dropQueryValues);
  }
}

/**
 * pino's error serializer, without the values of a failed query. Also accepts an error pino
 * serialized already, as pino-http hands its `err` serializer.
 */
export function redactError(error: unknown): unknown {
  const serialized: unknown = isSerializedError(error) ? error : stdSerializers.err(error as Error);
  if (isSerializedError(serialized)) dropQueryValues(serialized);
  return serialized;
}

/** For every logger: an error logged as `err` (pino's key) or, carelessly, as `error`. */
export const ERROR_SERIALIZERS = { err: redactError, error: redactError };

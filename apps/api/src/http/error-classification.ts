import { STATUS_CODES } from 'node:http';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { errorCodeOf } from '@app/database';

export type ErrorResponse = { status: number; error: string; message: string; retryAfterSeconds?: number };

const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Connection is closed/i,
  /enableOfflineQueue options is false/i,
  /Reached the max retries per request limit/i,
  /Client has encountered a connection error/i,
];

/**
 * Maps errors that are not HTTP exceptions to what the client should see: an outage of
 * Postgres or Redis is a 503 the client may retry, a missing row a 404; anything else is ours (500).
 */
export function classifyError(error: unknown): ErrorResponse {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);

  // Errors raised before routing by Express's body parsers (http-errors): too large, bad charset.
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
    return { status, error: STATUS_CODES[status] ?? 'Bad Request', message };
  }

  if ((code && (POSTGRES_UNAVAILABLE.has(code) || NETWORK_CODES.has(code))) || UNAVAILABLE_MESSAGES.some((re) => re.test(message))) {
    return {
      status: 503,
      error: 'Service Unavailable',
      message: 'A backing service (database or queue) is unreachable; retry shortly',
      retryAfterSeconds: 5,
    };
  }
  if (error instanceof EntityNotFoundError) {
    return { status: 404, error: 'Not Found', message: 'Resource not found' };
  }
  if (error instanceof QueryFailedError && code === '23505') {
    return { status: 409, error: 'Conflict', message: 'A resource with the same unique value already exists' };
  }
  return { status: 500, error: 'Internal Server Error', message: 'Internal server error' };
}

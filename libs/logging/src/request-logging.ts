import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { ERROR_SERIALIZERS, redactUrl } from './redaction';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One JSON line per HTTP request (method, redacted URL, status, time, request id), as Express
 * middleware on `logger`.
 *
 * Deliberately without a per-request logger in AsyncLocalStorage (nestjs-pino's request
 * context): on Node 20 and 22 an active AsyncLocalStorage runs a hook for every async resource
 * the process creates (each socket write, timer and tick), and that alone cost the tracking
 * endpoints 3-10 % of their request rate (`npm run bench`, with and without). Log lines that
 * belong to a request name what they are about (workspace, integration, message) instead.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(req.url ?? '') },
    serializers: {
      // pino-http's serializers replace the root logger's: without these, its errors would get pino's plain one.
      ...ERROR_SERIALIZERS,
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
    },
  });
}

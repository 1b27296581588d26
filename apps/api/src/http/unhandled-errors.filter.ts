import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { classifyError } from './error-classification';

/** Keeps Nest's handling of HTTP exceptions and gives every other error the API's error shape. */
@Catch()
export class UnhandledErrorsFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('http');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const { status, error, message, retryAfterSeconds } = classifyError(exception);
    if (status >= 500) {
      // The request's id, as its request log line carries it (see requestLogging).
      const reqId = host.switchToHttp().getRequest<{ id?: unknown }>().id;
      this.logger.error({ err: exception, reqId }, status === 503 ? 'backing service unavailable' : 'unhandled error');
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (retryAfterSeconds) response.setHeader('Retry-After', String(retryAfterSeconds));
    response.status(status).json({ statusCode: status, error, message });
  }
}

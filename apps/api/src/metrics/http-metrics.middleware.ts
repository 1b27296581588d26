import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsRegistry) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer({ method: request.method });
    response.once('finish', () => {
      // The route pattern, not the URL: ids and tokens would explode the label's cardinality.
      const pattern = (request.route as { path?: string } | undefined)?.path; // Express types it `any`
      const route = pattern ? `${request.baseUrl}${pattern}` : 'unmatched';
      stop({ route, status: String(response.statusCode) });
    });
    next();
  }
}

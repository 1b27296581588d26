import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per application instance (not prom-client's global), so tests can start many apps. */
export class MetricsRegistry extends Registry {
  readonly httpDuration = new Histogram({
    name: 'mailroom_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this],
  });

  constructor() {
    super();
    collectDefaultMetrics({ register: this, prefix: 'mailroom_' });
  }
}

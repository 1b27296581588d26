import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { WebhookMetrics } from './webhook-metrics';

@Module({
  imports: [WebhooksModule],
  controllers: [MetricsController],
  providers: [MetricsRegistry, WebhookMetrics],
  exports: [MetricsRegistry],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}

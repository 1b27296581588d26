import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { QueueModule } from '@app/queue';
import { WebhooksModule } from '@app/webhooks';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [AuditModule, QueueModule, WebhooksModule],
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [WebhooksService, WebhookDeliveriesService],
})
export class WebhooksApiModule {}

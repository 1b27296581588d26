import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { WebhookAttemptWriter } from './webhook-attempt-writer';
import { WebhookAttemptsRepository } from './webhook-attempts.repository';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryCounts } from './webhook-delivery-counts';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookOutboxRepository } from './webhook-outbox.repository';
import { WebhookRetentionRepository } from './webhook-retention.repository';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSubscriptions } from './webhook-subscriptions';

@Module({
  imports: [CryptoModule, QueueModule, RedisModule],
  providers: [
    WebhookEndpointsRepository,
    WebhookOutboxRepository,
    WebhookRetentionRepository,
    WebhookDeliveriesRepository,
    WebhookAttemptsRepository,
    WebhookSubscriptions,
    WebhookOutbox,
    WebhookSecrets,
    WebhookDeliveryCounts,
    WebhookAttemptWriter,
    WebhookDispatcher,
  ],
  exports: [
    WebhookEndpointsRepository,
    WebhookOutboxRepository,
    WebhookDeliveriesRepository,
    WebhookSubscriptions,
    WebhookOutbox,
    WebhookSecrets,
    WebhookDeliveryCounts,
    WebhookDispatcher,
    WebhookRetentionRepository,
  ],
})
export class WebhooksModule {}

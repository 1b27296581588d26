import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { BroadcastProducer } from './broadcast-producer';
import { DELIVERY_QUEUES_TOKEN, DeliveryProducer } from './delivery-producer';
import { FairShare } from './fair-share';
import { ProducerConnection } from './queue-connection';
import { DELIVERY_QUEUES } from './queue-names';
import { WebhookProducer } from './webhook-producer';
import { RetentionProducer } from './retention-producer';

@Module({
  providers: [
    ProducerConnection,
    {
      provide: DELIVERY_QUEUES_TOKEN,
      inject: [AppConfig, ProducerConnection],
      useFactory: (config: AppConfig, connection: ProducerConnection) =>
        new Map(DELIVERY_QUEUES.map((name) => [name, connection.queue(name, config)])),
    },
    FairShare,
    DeliveryProducer,
    BroadcastProducer,
    WebhookProducer,
    RetentionProducer,
  ],
  exports: [DeliveryProducer, BroadcastProducer, WebhookProducer, RetentionProducer, FairShare],
})
export class QueueModule {}

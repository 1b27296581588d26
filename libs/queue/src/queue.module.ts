import { Global, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { DELIVERY_QUEUES_TOKEN, DeliveryProducer, PRODUCER_CONNECTION } from './delivery-producer';
import { producerConnection } from './queue-connection';
import { DELIVERY_QUEUES } from './queue-names';

@Global()
@Module({
  providers: [
    { provide: PRODUCER_CONNECTION, inject: [AppConfig], useFactory: producerConnection },
    {
      provide: DELIVERY_QUEUES_TOKEN,
      inject: [AppConfig, PRODUCER_CONNECTION],
      useFactory: (config: AppConfig, connection: Redis) =>
        new Map(DELIVERY_QUEUES.map((name) => [name, new Queue(name, { connection, prefix: config.REDIS_PREFIX })])),
    },
    DeliveryProducer,
  ],
  exports: [DeliveryProducer],
})
export class QueueModule {}

import { Global, Module } from '@nestjs/common';
import { DeliveryStatusWriter } from './delivery-status-writer';
import { MessagesRepository } from './messages.repository';

@Global()
@Module({
  providers: [MessagesRepository, DeliveryStatusWriter],
  exports: [MessagesRepository, DeliveryStatusWriter],
})
export class MessagesModule {}

import { Global, Module } from '@nestjs/common';
import { BroadcastsRepository } from './broadcasts.repository';
import { DeliveryStatusWriter } from './delivery-status-writer';
import { MessageLinksRepository } from './message-links.repository';
import { MessagesRepository } from './messages.repository';
import { SuppressionsRepository } from './suppressions.repository';

@Global()
@Module({
  providers: [MessagesRepository, DeliveryStatusWriter, MessageLinksRepository, SuppressionsRepository, BroadcastsRepository],
  exports: [MessagesRepository, DeliveryStatusWriter, MessageLinksRepository, SuppressionsRepository, BroadcastsRepository],
})
export class MessagesModule {}

import { Global, Module } from '@nestjs/common';
import { BroadcastsRepository } from './broadcasts.repository';
import { DeliveryStatusWriter } from './delivery-status-writer';
import { MessageEventsRepository } from './message-events.repository';
import { MessageLinksRepository } from './message-links.repository';
import { MessagesRepository } from './messages.repository';
import { SuppressionsRepository } from './suppressions.repository';

@Global()
@Module({
  providers: [MessageEventsRepository, MessagesRepository, DeliveryStatusWriter, MessageLinksRepository, SuppressionsRepository, BroadcastsRepository],
  exports: [MessageEventsRepository, MessagesRepository, DeliveryStatusWriter, MessageLinksRepository, SuppressionsRepository, BroadcastsRepository],
})
export class MessagesModule {}

import { Module } from '@nestjs/common';
import { DeliveryStatusWriter } from './delivery-status-writer';
import { MessageEventsRepository } from './message-events.repository';
import { MessageLinksRepository } from './message-links.repository';
import { MessagesRepository } from './messages.repository';

@Module({
  providers: [MessageEventsRepository, MessagesRepository, DeliveryStatusWriter, MessageLinksRepository],
  exports: [MessageEventsRepository, MessagesRepository, DeliveryStatusWriter, MessageLinksRepository],
})
export class MessagesModule {}

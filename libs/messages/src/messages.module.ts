import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { AttachmentsRepository } from './attachments.repository';
import { DeliveryStatusRepository } from './delivery-status.repository';
import { DeliveryStatusWriter } from './delivery-status-writer';
import { MessageErasureRepository } from './message-erasure.repository';
import { MessageEventsRepository } from './message-events.repository';
import { MessageLinksRepository } from './message-links.repository';
import { MessageRetentionRepository } from './message-retention.repository';
import { MessageStatsRepository } from './message-stats.repository';
import { RecipientErasuresRepository } from './recipient-erasures.repository';
import { MessagesRepository } from './messages.repository';

@Module({
  imports: [WebhooksModule],
  providers: [
    AttachmentsRepository,
    MessageEventsRepository,
    MessagesRepository,
    DeliveryStatusRepository,
    DeliveryStatusWriter,
    MessageLinksRepository,
    MessageStatsRepository,
    MessageRetentionRepository,
    MessageErasureRepository,
    RecipientErasuresRepository,
  ],
  exports: [
    AttachmentsRepository,
    MessageEventsRepository,
    MessagesRepository,
    DeliveryStatusWriter,
    MessageLinksRepository,
    MessageStatsRepository,
    MessageRetentionRepository,
    MessageErasureRepository,
    RecipientErasuresRepository,
  ],
})
export class MessagesModule {}

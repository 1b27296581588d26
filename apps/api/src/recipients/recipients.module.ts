import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MessagesModule } from '@app/messages';
import { QueueModule } from '@app/queue';
import { RecipientErasuresService } from './recipient-erasures.service';
import { RecipientsController } from './recipients.controller';

@Module({
  imports: [AuditModule, MessagesModule, QueueModule],
  controllers: [RecipientsController],
  providers: [RecipientErasuresService],
})
export class RecipientsModule {}

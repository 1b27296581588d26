import { Module } from '@nestjs/common';
import { IntegrationsModule } from '@app/integrations';
import { MessagesModule } from '@app/messages';
import { QueueModule } from '@app/queue';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MessagesController } from './messages.controller';
import { AcceptedMessagesWriter } from './accepted-messages.writer';
import { MessagesService } from './messages.service';
import { SystemMail } from './system-mail.service';

@Module({
  imports: [IntegrationsModule, MessagesModule, QueueModule, WorkspacesModule],
  controllers: [MessagesController],
  providers: [MessagesService, AcceptedMessagesWriter, SystemMail],
  exports: [MessagesService, SystemMail, AcceptedMessagesWriter],
})
export class MessagesApiModule {}

import { Module } from '@nestjs/common';
import { IntegrationsModule } from '@app/integrations';
import { MessagesModule } from '@app/messages';
import { QueueModule } from '@app/queue';
import { TemplatesModule } from '@app/templates';
import { TrackingModule } from '@app/tracking';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MessagesController } from './messages.controller';
import { AcceptedMessagesWriter } from './accepted-messages.writer';
import { AttachmentIntake } from './attachment-intake.service';
import { MessagesService } from './messages.service';
import { SystemMail } from './system-mail.service';
import { TemplatedContent } from './templated-content';

@Module({
  imports: [IntegrationsModule, MessagesModule, QueueModule, TemplatesModule, TrackingModule, WorkspacesModule],
  controllers: [MessagesController],
  providers: [MessagesService, AcceptedMessagesWriter, AttachmentIntake, SystemMail, TemplatedContent],
  exports: [MessagesService, SystemMail, AcceptedMessagesWriter],
})
export class MessagesApiModule {}

import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MessagesController } from './messages.controller';
import { AcceptedMessagesWriter } from './accepted-messages.writer';
import { MessagesService } from './messages.service';

@Module({
  imports: [WorkspacesModule],
  controllers: [MessagesController],
  providers: [MessagesService, AcceptedMessagesWriter],
})
export class MessagesApiModule {}

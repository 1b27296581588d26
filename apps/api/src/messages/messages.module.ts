import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [WorkspacesModule],
  controllers: [MessagesController],
  providers: [MessagesService],
})
export class MessagesApiModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { MarketingModule } from '@app/marketing';
import { QueueModule } from '@app/queue';
import { TemplatesModule } from '@app/templates';
import { MessagesApiModule } from '../messages/messages.module';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastContentService } from './broadcast-content.service';
import { BroadcastsService } from './broadcasts.service';

@Module({
  imports: [AuditModule, IntegrationsModule, MarketingModule, MessagesApiModule, QueueModule, TemplatesModule],
  controllers: [BroadcastsController],
  providers: [BroadcastsService, BroadcastContentService],
})
export class BroadcastsModule {}

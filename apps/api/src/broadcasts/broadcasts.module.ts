import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { MarketingModule } from '@app/marketing';
import { QueueModule } from '@app/queue';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';

@Module({
  imports: [AuditModule, IntegrationsModule, MarketingModule, QueueModule],
  controllers: [BroadcastsController],
  providers: [BroadcastsService],
})
export class BroadcastsModule {}

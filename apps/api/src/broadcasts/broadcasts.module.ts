import { Module } from '@nestjs/common';
import { IntegrationsModule } from '@app/integrations';
import { MarketingModule } from '@app/marketing';
import { QueueModule } from '@app/queue';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';

@Module({
  imports: [IntegrationsModule, MarketingModule, QueueModule],
  controllers: [BroadcastsController],
  providers: [BroadcastsService],
})
export class BroadcastsModule {}

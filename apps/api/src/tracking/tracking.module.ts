import { Module } from '@nestjs/common';
import { MarketingModule } from '@app/marketing';
import { WorkspaceTrackingKeys } from '@app/tracking';
import { TrackedMessageCache } from './tracked-message-cache';
import { TrackingEventWriter } from './tracking-event-writer';
import { TrackingService } from './tracking.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  imports: [MarketingModule],
  controllers: [UnsubscribeController],
  providers: [WorkspaceTrackingKeys, TrackedMessageCache, TrackingEventWriter, TrackingService, UnsubscribeService],
  exports: [TrackingService],
})
export class TrackingModule {}

import { Module } from '@nestjs/common';
import { WorkspaceTrackingKeys } from '@app/tracking';
import { TrackedMessageCache } from './tracked-message-cache';
import { TrackingEventWriter } from './tracking-event-writer';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  controllers: [TrackingController, UnsubscribeController],
  providers: [WorkspaceTrackingKeys, TrackedMessageCache, TrackingEventWriter, TrackingService, UnsubscribeService],
})
export class TrackingModule {}

import { Module } from '@nestjs/common';
import { MarketingModule } from '@app/marketing';
import { MessagesModule } from '@app/messages';
import { TrackingModule } from '@app/tracking';
import { WebhooksModule } from '@app/webhooks';
import { WorkspacesDataModule } from '@app/workspaces';
import { TrackedMessageCache } from './tracked-message-cache';
import { TrackingEventWriter } from './tracking-event-writer';
import { TrackingService } from './tracking.service';
import { TrackingWebhooks } from './tracking-webhooks';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  imports: [MarketingModule, MessagesModule, TrackingModule, WebhooksModule, WorkspacesDataModule],
  controllers: [UnsubscribeController],
  providers: [TrackedMessageCache, TrackingEventWriter, TrackingService, TrackingWebhooks, UnsubscribeService],
  exports: [TrackingService],
})
export class TrackingApiModule {}

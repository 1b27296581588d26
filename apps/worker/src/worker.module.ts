import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { BouncesModule } from '@app/bounces';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IntegrationsModule } from '@app/integrations';
import { LoggingModule } from '@app/logging';
import { SmtpTransportPool } from '@app/smtp';
import { MarketingModule } from '@app/marketing';
import { MessagesModule } from '@app/messages';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { TrackingModule } from '@app/tracking';
import { WebhooksModule } from '@app/webhooks';
import { WorkspacesDataModule } from '@app/workspaces';
import { MailboxWatchers } from './bounces/mailbox-watchers.service';
import { BroadcastFanOut } from './broadcasts/broadcast-fan-out.service';
import { BroadcastSnapshots } from './broadcasts/broadcast-snapshots';
import { BouncedAddresses } from './delivery/bounced-addresses';
import { BroadcastSliceDelivery } from './delivery/broadcast-slice-delivery.service';
import { ByteBudget } from './delivery/byte-budget';
import { CircuitBreaker } from './delivery/circuit-breaker';
import { DeliveryGate } from './delivery/delivery-gate.service';
import { DeliveryRecorder } from './delivery/delivery-recorder.service';
import { DeliveryService } from './delivery/delivery.service';
import { IntegrationRateLimiter } from './delivery/integration-rate-limiter';
import { MessageLoader } from './delivery/message-loader';
import { MessageSender } from './delivery/message-sender.service';
import { TrackedContent } from './delivery/tracked-content';
import { OutboxReconciler } from './outbox/outbox-reconciler.service';
import { DeliverBroadcastRecipientsProcessor } from './processors/deliver-broadcast-recipients.processor';
import { DeliverMessageProcessor } from './processors/deliver-message.processor';
import { EraseRecipientProcessor } from './processors/erase-recipient.processor';
import { FanOutBroadcastProcessor } from './processors/fan-out-broadcast.processor';
import { JOB_PROCESSORS } from './processors/job-processor';
import { PurgeExpiredProcessor } from './processors/purge-expired.processor';
import { ReconcileOutboxProcessor } from './processors/reconcile-outbox.processor';
import { QueueWorkers } from './queue-workers';
import { DeliverWebhooksProcessor } from './processors/deliver-webhooks.processor';
import { ReconcileWebhooksProcessor } from './processors/reconcile-webhooks.processor';
import { WebhookEndpointDelivery } from './webhooks/webhook-endpoint-delivery.service';
import { WebhookReconciler } from './webhooks/webhook-reconciler.service';
import { RecipientErasure } from './retention/recipient-erasure.service';
import { RetentionPurge } from './retention/retention-purge.service';

/** The worker: a Nest application context (no HTTP server) running the BullMQ processors. */
@Module({
  imports: [
    ConfigModule,
    AuditModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    IntegrationsModule,
    MessagesModule,
    MarketingModule,
    QueueModule,
    TrackingModule,
    WorkspacesDataModule,
    WebhooksModule,
    BouncesModule,
  ],
  providers: [
    MailboxWatchers,
    BouncedAddresses,
    { provide: SmtpTransportPool, inject: [AppConfig], useFactory: (config: AppConfig) => new SmtpTransportPool(config.TRANSPORT_IDLE_MS) },
    { provide: ByteBudget, inject: [AppConfig], useFactory: (config: AppConfig) => new ByteBudget(config.WORKER_BYTES_IN_FLIGHT) },
    IntegrationRateLimiter,
    CircuitBreaker,
    BroadcastSnapshots,
    TrackedContent,
    BroadcastFanOut,
    MessageLoader,
    DeliveryGate,
    MessageSender,
    DeliveryRecorder,
    DeliveryService,
    BroadcastSliceDelivery,
    OutboxReconciler,
    RetentionPurge,
    RecipientErasure,
    DeliverMessageProcessor,
    DeliverBroadcastRecipientsProcessor,
    ReconcileOutboxProcessor,
    FanOutBroadcastProcessor,
    WebhookEndpointDelivery,
    WebhookReconciler,
    DeliverWebhooksProcessor,
    ReconcileWebhooksProcessor,
    PurgeExpiredProcessor,
    EraseRecipientProcessor,
    {
      provide: JOB_PROCESSORS,
      inject: [
        DeliverMessageProcessor,
        DeliverBroadcastRecipientsProcessor,
        ReconcileOutboxProcessor,
        FanOutBroadcastProcessor,
        DeliverWebhooksProcessor,
        ReconcileWebhooksProcessor,
        PurgeExpiredProcessor,
        EraseRecipientProcessor,
      ],
      useFactory: (...processors: unknown[]) => processors,
    },
    QueueWorkers,
  ],
})
export class WorkerModule {}

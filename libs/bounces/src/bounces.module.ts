import { Module } from '@nestjs/common';
import { IntegrationsModule } from '@app/integrations';
import { MarketingModule } from '@app/marketing';
import { MessagesModule } from '@app/messages';
import { RedisModule } from '@app/redis';
import { WebhooksModule } from '@app/webhooks';
import { WatchedMailboxesRepository } from './watched-mailboxes.repository';
import { MailboxCursors } from './mailbox-cursors';
import { MailboxFolderReader } from './mailbox-folder-reader';
import { MailboxLeases } from './mailbox-leases';
import { MailboxProbe } from './mailbox-probe';
import { MailboxReportIntake } from './mailbox-report-intake';
import { MailboxReportRecorder } from './mailbox-report-recorder';
import { ProcessedReportsRetentionRepository } from './processed-reports-retention.repository';
import { WatchedMailboxLogin } from './watched-mailbox-login';

@Module({
  imports: [IntegrationsModule, MarketingModule, MessagesModule, RedisModule, WebhooksModule],
  providers: [
    WatchedMailboxesRepository,
    MailboxCursors,
    MailboxFolderReader,
    MailboxLeases,
    MailboxProbe,
    MailboxReportIntake,
    MailboxReportRecorder,
    ProcessedReportsRetentionRepository,
    WatchedMailboxLogin,
  ],
  exports: [
    WatchedMailboxesRepository,
    MailboxFolderReader,
    MailboxLeases,
    MailboxProbe,
    ProcessedReportsRetentionRepository,
    WatchedMailboxLogin,
  ],
})
export class BouncesModule {}

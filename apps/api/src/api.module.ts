import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { TenancyModule } from '@app/tenancy';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { AuditApiModule } from './audit/audit.module';
import { BroadcastsModule } from './broadcasts/broadcasts.module';
import { ContactsModule } from './contacts/contacts.module';
import { ListsModule } from './lists/lists.module';
import { HealthModule } from './health/health.module';
import { IntegrationsApiModule } from './integrations/integrations.module';
import { MembersModule } from './members/members.module';
import { MessagesApiModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { OAuthApiModule } from './oauth/oauth.module';
import { RecipientsModule } from './recipients/recipients.module';
import { StatsModule } from './stats/stats.module';
import { SuppressionsModule } from './suppressions/suppressions.module';
import { TemplatesApiModule } from './templates/templates.module';
import { TrackingApiModule } from './tracking/tracking.module';
import { WebhooksApiModule } from './webhooks/webhooks.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    TenancyModule,
    MetricsModule,
    HealthModule,
    WorkspacesModule,
    ApiKeysModule,
    IntegrationsApiModule,
    ContactsModule,
    ListsModule,
    OAuthApiModule,
    MessagesApiModule,
    StatsModule,
    TrackingApiModule,
    SuppressionsModule,
    BroadcastsModule,
    AuthModule,
    AuditApiModule,
    MembersModule,
    WebhooksApiModule,
    TemplatesApiModule,
    RecipientsModule,
  ],
})
export class ApiModule {}

import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { OAuthModule } from '@app/oauth';
import { RedisModule } from '@app/redis';
import { WebhooksModule } from '@app/webhooks';
import { IntegrationSecrets } from './integration-secrets';
import { IntegrationStatusRecorder } from './integration-status-recorder';
import { IntegrationsRepository } from './integrations.repository';
import { SmtpCredentialsService } from './smtp-credentials.service';

@Module({
  imports: [CryptoModule, OAuthModule, RedisModule, WebhooksModule],
  providers: [IntegrationsRepository, IntegrationSecrets, IntegrationStatusRecorder, SmtpCredentialsService],
  exports: [IntegrationsRepository, IntegrationSecrets, IntegrationStatusRecorder, SmtpCredentialsService],
})
export class IntegrationsModule {}

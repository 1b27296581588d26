import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { OAuthModule } from '@app/oauth';
import { RedisModule } from '@app/redis';
import { IntegrationSecrets } from './integration-secrets';
import { IntegrationsRepository } from './integrations.repository';
import { SmtpCredentialsService } from './smtp-credentials.service';

@Module({
  imports: [CryptoModule, OAuthModule, RedisModule],
  providers: [IntegrationsRepository, IntegrationSecrets, SmtpCredentialsService],
  exports: [IntegrationsRepository, IntegrationSecrets, SmtpCredentialsService],
})
export class IntegrationsModule {}

import { Global, Module } from '@nestjs/common';
import { IntegrationSecrets } from './integration-secrets';
import { IntegrationsRepository } from './integrations.repository';
import { SmtpCredentialsService } from './smtp-credentials.service';
import { OAuthModule } from '@app/oauth';

@Global()
@Module({
  imports: [OAuthModule],
  providers: [IntegrationsRepository, IntegrationSecrets, SmtpCredentialsService],
  exports: [IntegrationsRepository, IntegrationSecrets, SmtpCredentialsService, OAuthModule],
})
export class IntegrationsModule {}

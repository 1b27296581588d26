import { Global, Module } from '@nestjs/common';
import { IntegrationSecrets } from './integration-secrets';
import { IntegrationsRepository } from './integrations.repository';

@Global()
@Module({
  providers: [IntegrationsRepository, IntegrationSecrets],
  exports: [IntegrationsRepository, IntegrationSecrets],
})
export class IntegrationsModule {}

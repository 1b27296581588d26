import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { IntegrationTestService } from './integration-test.service';

@Module({
  imports: [AuditModule, IntegrationsModule],
  controllers: [IntegrationsController],
  providers: [IntegrationsService, IntegrationTestService],
})
export class IntegrationsApiModule {}

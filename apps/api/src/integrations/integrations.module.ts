import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { BouncesModule } from '@app/bounces';
import { IntegrationsModule } from '@app/integrations';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { IntegrationTestService } from './integration-test.service';

@Module({
  imports: [AuditModule, BouncesModule, IntegrationsModule],
  controllers: [IntegrationsController],
  providers: [IntegrationsService, IntegrationTestService],
})
export class IntegrationsApiModule {}

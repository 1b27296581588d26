import { Module } from '@nestjs/common';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { IntegrationTestService } from './integration-test.service';

@Module({
  controllers: [IntegrationsController],
  providers: [IntegrationsService, IntegrationTestService],
})
export class IntegrationsApiModule {}

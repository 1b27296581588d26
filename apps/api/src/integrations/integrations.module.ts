import { Module } from '@nestjs/common';
import { IntegrationsModule } from '@app/integrations';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { IntegrationTestService } from './integration-test.service';

@Module({
  imports: [IntegrationsModule],
  controllers: [IntegrationsController],
  providers: [IntegrationsService, IntegrationTestService],
})
export class IntegrationsApiModule {}

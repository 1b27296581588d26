import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { OAuthModule } from '@app/oauth';
import { OAuthCallbackController } from './oauth-callback.controller';
import { OAuthConnectController } from './oauth-connect.controller';
import { OAuthConnectFlowService } from './oauth-connect-flow.service';

/** The connect flow of OAuth2 integrations. */
@Module({
  imports: [AuditModule, IntegrationsModule, OAuthModule],
  controllers: [OAuthConnectController, OAuthCallbackController],
  providers: [OAuthConnectFlowService],
})
export class OAuthApiModule {}

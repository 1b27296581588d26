import { Module } from '@nestjs/common';
import { OAuthCallbackController } from './oauth-callback.controller';
import { OAuthConnectController } from './oauth-connect.controller';
import { OAuthConnectFlowService } from './oauth-connect-flow.service';

/** The connect flow of OAuth2 integrations; the OAuth2 grant, its states and the integration stores come from global modules. */
@Module({
  controllers: [OAuthConnectController, OAuthCallbackController],
  providers: [OAuthConnectFlowService],
})
export class OAuthApiModule {}

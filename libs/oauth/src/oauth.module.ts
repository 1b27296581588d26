import { Module } from '@nestjs/common';
import { AccessTokenRepository } from './access-token.repository';
import { AccessTokenService } from './access-token.service';
import { GoogleRefreshTokenService } from './google-refresh-token.service';
import { MicrosoftClientCredentialsService } from './microsoft-client-credentials.service';
import { MicrosoftRefreshTokenService } from './microsoft-refresh-token.service';
import { OAuthConnectService } from './oauth-connect.service';
import { OAuthStateRepository } from './oauth-state.repository';
import { TokenIssuerService } from './token-issuer.service';

/**
 * OAuth2 for SMTP: cached access tokens and the connect flow. Expects the Redis client (`REDIS_CLIENT`),
 * `AppConfig` and `SecretBox` to be provided globally.
 */
@Module({
  providers: [
    AccessTokenRepository,
    AccessTokenService,
    TokenIssuerService,
    MicrosoftClientCredentialsService,
    MicrosoftRefreshTokenService,
    GoogleRefreshTokenService,
    OAuthStateRepository,
    OAuthConnectService,
  ],
  exports: [AccessTokenService, TokenIssuerService, OAuthConnectService],
})
export class OAuthModule {}

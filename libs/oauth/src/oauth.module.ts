import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { RedisModule } from '@app/redis';
import { AccessTokenRepository } from './access-token.repository';
import { AccessTokenService } from './access-token.service';
import { AuthorizationCodeService } from './authorization-code.service';
import { GoogleRefreshTokenService } from './google-refresh-token.service';
import { MicrosoftClientCredentialsService } from './microsoft-client-credentials.service';
import { MicrosoftRefreshTokenService } from './microsoft-refresh-token.service';
import { OAuthStateRepository } from './oauth-state.repository';
import { TokenIssuerService } from './token-issuer.service';

/** OAuth2 for SMTP, the provider's side: cached access tokens, the authorization-code grant and the pending states of connect flows. */
@Module({
  imports: [CryptoModule, RedisModule],
  providers: [
    AccessTokenRepository,
    AccessTokenService,
    TokenIssuerService,
    MicrosoftClientCredentialsService,
    MicrosoftRefreshTokenService,
    GoogleRefreshTokenService,
    OAuthStateRepository,
    AuthorizationCodeService,
  ],
  exports: [AccessTokenService, TokenIssuerService, AuthorizationCodeService, OAuthStateRepository],
})
export class OAuthModule {}

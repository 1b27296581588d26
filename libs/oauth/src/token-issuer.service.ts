import { Injectable } from '@nestjs/common';
import { GoogleRefreshTokenService } from './google-refresh-token.service';
import { MicrosoftClientCredentialsService } from './microsoft-client-credentials.service';
import { MicrosoftRefreshTokenService } from './microsoft-refresh-token.service';
import { IssuedToken, OAuthCredentials } from './oauth-credentials';

/** Asks the right provider for a new access token; knows nothing about caching. */
@Injectable()
export class TokenIssuerService {
  constructor(
    private readonly microsoftApp: MicrosoftClientCredentialsService,
    private readonly microsoftDelegated: MicrosoftRefreshTokenService,
    private readonly google: GoogleRefreshTokenService,
  ) {}

  issue(credentials: OAuthCredentials): Promise<IssuedToken> {
    if (credentials.provider === 'google') return this.google.issue(credentials);
    return credentials.flow === 'client_credentials' ? this.microsoftApp.issue(credentials) : this.microsoftDelegated.issue(credentials);
  }
}

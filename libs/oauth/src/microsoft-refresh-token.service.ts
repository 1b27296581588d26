import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IssuedToken, microsoftDelegatedScope, MicrosoftRefreshTokenCredentials } from './oauth-credentials';
import { postMicrosoftToken } from './microsoft-token-endpoint';

/**
 * Delegated tokens from a stored refresh token. Microsoft answers every refresh with a new refresh
 * token (rotation); it is returned so the caller saves it, since the old one eventually stops working.
 */
@Injectable()
export class MicrosoftRefreshTokenService {
  constructor(private readonly config: AppConfig) {}

  async issue(credentials: MicrosoftRefreshTokenCredentials): Promise<IssuedToken> {
    const requestedAt = Date.now();
    const response = await postMicrosoftToken(this.config.MICROSOFT_AUTHORITY_HOST, credentials.tenantId, {
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      scope: microsoftDelegatedScope(credentials.readsMailbox),
    });
    const rotated = response.refresh_token && response.refresh_token !== credentials.refreshToken;
    return {
      accessToken: response.access_token,
      // Counted from before the request, so network time can only make the token look shorter-lived.
      expiresAt: new Date(requestedAt + response.expires_in * 1000),
      refreshToken: rotated ? response.refresh_token : undefined,
    };
  }
}

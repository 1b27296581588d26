import { Injectable } from '@nestjs/common';
import { Credentials } from 'google-auth-library';
import { AppConfig } from '@app/config';
import { GOOGLE_MAIL_SCOPE, GoogleRefreshTokenCredentials, IssuedToken } from './oauth-credentials';
import { createGoogleClient, throwGoogleTokenError } from './google-token-endpoint';
import { localTokenError, missingTokenError } from './oauth-token-error';

/** Access tokens for Gmail SMTP from a stored refresh token, through google-auth-library. */
@Injectable()
export class GoogleRefreshTokenService {
  constructor(private readonly config: AppConfig) {}

  async issue(credentials: GoogleRefreshTokenCredentials): Promise<IssuedToken> {
    const client = createGoogleClient(this.config.GOOGLE_TOKEN_URL, credentials);
    // Rotation trap: when Google sends a new refresh token, only the 'tokens' event carries it. Right
    // after the event the client writes the OLD refresh token back, into its credentials and into that
    // very object, so the event's tokens are copied, not kept by reference.
    let issued: Credentials | undefined;
    client.on('tokens', (tokens: Credentials) => {
      issued = { ...tokens };
    });
    client.setCredentials({ refresh_token: credentials.refreshToken });
    try {
      await client.getAccessToken();
    } catch (error) {
      throwGoogleTokenError(error, [credentials.clientSecret, credentials.refreshToken]);
    }
    if (!issued?.access_token) {
      throw missingTokenError('google', 'access_token');
    }
    // A refresh token another app obtained (gmail.send, say) gives tokens Gmail's SMTP and IMAP both refuse.
    if (issued.scope !== undefined && !issued.scope.split(' ').includes(GOOGLE_MAIL_SCOPE)) {
      throw localTokenError('google', 'invalid_scope', `Google granted this refresh token ${issued.scope}, without ${GOOGLE_MAIL_SCOPE}`);
    }
    const { refresh_token: refreshToken } = issued;
    return {
      accessToken: issued.access_token,
      // Without an expiry the token is used once and not cached.
      expiresAt: new Date(issued.expiry_date ?? Date.now()),
      refreshToken: refreshToken && refreshToken !== credentials.refreshToken ? refreshToken : undefined,
    };
  }
}

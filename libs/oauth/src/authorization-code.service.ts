import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ConsentRequest, googleConsentUrl, microsoftConsentUrl } from './consent-url';
import { createGoogleClient, throwGoogleTokenError } from './google-token-endpoint';
import { postMicrosoftToken } from './microsoft-token-endpoint';
import { microsoftDelegatedScope } from './oauth-credentials';
import { missingTokenError } from './oauth-token-error';

/** The OAuth client an integration is configured with, as the consent screen needs it. */
export type ConsentClient =
  { provider: 'google'; clientId: string } | { provider: 'microsoft'; tenantId: string; clientId: string; readsMailbox: boolean };

export type ConnectClient = ConsentClient & { clientSecret: string };

/** What goes into the consent URL besides the client: where the provider sends the browser back, the state, the PKCE challenge. */
export type ConsentParams = Omit<ConsentRequest, 'clientId'>;

/** What the provider sent back to `redirectUri`, and the PKCE verifier of the challenge the consent URL carried. */
export interface AuthorizationCode {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface ConnectedTokens {
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
}

type ExchangedTokens = Omit<ConnectedTokens, 'refreshToken'> & { refreshToken?: string };

/**
 * The authorization-code grant with PKCE at Google and Microsoft: the consent URL for the admin's
 * browser, and the exchange of the code the provider sends back for a refresh token. Where the
 * provider sends the browser back, and what happens there, is the caller's business.
 */
@Injectable()
export class AuthorizationCodeService {
  constructor(private readonly config: AppConfig) {}

  consentUrl(client: ConsentClient, params: ConsentParams): string {
    const request = { ...params, clientId: client.clientId, readsMailbox: client.provider === 'microsoft' && client.readsMailbox };
    return client.provider === 'google'
      ? googleConsentUrl(this.config.GOOGLE_AUTH_URL, request)
      : microsoftConsentUrl(this.config.MICROSOFT_AUTHORITY_HOST, client.tenantId, request);
  }

  async exchangeCode(client: ConnectClient, authorization: AuthorizationCode): Promise<ConnectedTokens> {
    const tokens =
      client.provider === 'google'
        ? await this.exchangeWithGoogle(client, authorization)
        : await this.exchangeWithMicrosoft(client, authorization);
    const { refreshToken } = tokens;
    if (!refreshToken) throw missingTokenError(client.provider, 'refresh_token');
    return { ...tokens, refreshToken };
  }

  private async exchangeWithGoogle(
    client: ConnectClient,
    { code, codeVerifier, redirectUri }: AuthorizationCode,
  ): Promise<ExchangedTokens> {
    const google = createGoogleClient(this.config.GOOGLE_TOKEN_URL, client, redirectUri);
    try {
      const { tokens } = await google.getToken({ code, codeVerifier, redirect_uri: redirectUri });
      return {
        accessToken: tokens.access_token ?? '',
        refreshToken: tokens.refresh_token ?? undefined,
        expiresAt: new Date(tokens.expiry_date ?? Date.now()),
      };
    } catch (error) {
      return throwGoogleTokenError(error, [client.clientSecret, code, codeVerifier]);
    }
  }

  // Direct POST rather than msal's acquireTokenByCode: msal keeps the refresh token in its cache and
  // does not return it, and it is the one thing this grant is for.
  private async exchangeWithMicrosoft(
    client: ConnectClient & { provider: 'microsoft' },
    { code, codeVerifier, redirectUri }: AuthorizationCode,
  ): Promise<ExchangedTokens> {
    const requestedAt = Date.now();
    const response = await postMicrosoftToken(this.config.MICROSOFT_AUTHORITY_HOST, client.tenantId, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      scope: microsoftDelegatedScope(client.readsMailbox),
    });
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      expiresAt: new Date(requestedAt + response.expires_in * 1000),
    };
  }
}

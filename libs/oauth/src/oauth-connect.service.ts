import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { randomToken } from '@app/crypto';
import { googleConsentUrl, microsoftConsentUrl } from './consent-url';
import { createGoogleClient, throwGoogleTokenError } from './google-token-endpoint';
import { postMicrosoftToken } from './microsoft-token-endpoint';
import { MICROSOFT_DELEGATED_SCOPES } from './oauth-credentials';
import { OAuthConnectState, OAuthStateRepository } from './oauth-state.repository';
import { missingTokenError } from './oauth-token-error';
import { createPkcePair } from './pkce';

/** The OAuth client an integration is configured with, as the consent screen needs it. */
export type ConsentClient =
  | { provider: 'google'; clientId: string }
  | { provider: 'microsoft'; tenantId: string; clientId: string };

export type ConnectClient = ConsentClient & { clientSecret: string };

export interface StartConnect {
  workspaceId: string;
  integrationId: string;
  returnUrl?: string;
}

export interface ConnectedTokens {
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
}

type ExchangedTokens = Omit<ConnectedTokens, 'refreshToken'> & { refreshToken?: string };

export const OAUTH_CALLBACK_PATH = '/v1/oauth2/callback';

/**
 * The "connect" button: a consent URL with PKCE and a single-use state, then the exchange of the
 * code the provider sends back to `{PUBLIC_BASE_URL}/v1/oauth2/callback` for a refresh token.
 */
@Injectable()
export class OAuthConnectService {
  constructor(
    private readonly config: AppConfig,
    private readonly states: OAuthStateRepository,
  ) {}

  /** The redirect URI to register with the provider. */
  get redirectUri(): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`;
  }

  async startAuthorization(client: ConsentClient, flow: StartConnect): Promise<{ authorizationUrl: string; state: string }> {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const state = randomToken(24);
    const { workspaceId, integrationId, returnUrl } = flow;
    await this.states.save(state, { workspaceId, integrationId, returnUrl, codeVerifier });
    const request = { clientId: client.clientId, redirectUri: this.redirectUri, state, codeChallenge };
    const authorizationUrl =
      client.provider === 'google'
        ? googleConsentUrl(this.config.GOOGLE_AUTH_URL, request)
        : microsoftConsentUrl(this.config.MICROSOFT_AUTHORITY_HOST, client.tenantId, request);
    return { authorizationUrl, state };
  }

  /** The pending flow of a callback's `state`, once; undefined when replayed, expired or forged. */
  consumeState(state: string): Promise<OAuthConnectState | undefined> {
    return this.states.consume(state);
  }

  async exchangeCode(client: ConnectClient, code: string, codeVerifier: string): Promise<ConnectedTokens> {
    const tokens =
      client.provider === 'google'
        ? await this.exchangeWithGoogle(client, code, codeVerifier)
        : await this.exchangeWithMicrosoft(client, code, codeVerifier);
    const { refreshToken } = tokens;
    if (!refreshToken) throw missingTokenError(client.provider, 'refresh_token');
    return { ...tokens, refreshToken };
  }

  private async exchangeWithGoogle(client: ConnectClient, code: string, codeVerifier: string): Promise<ExchangedTokens> {
    const google = createGoogleClient(this.config.GOOGLE_TOKEN_URL, client, this.redirectUri);
    try {
      const { tokens } = await google.getToken({ code, codeVerifier, redirect_uri: this.redirectUri });
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
  // does not return it, and it is the one thing this flow is for.
  private async exchangeWithMicrosoft(
    client: ConnectClient & { provider: 'microsoft' },
    code: string,
    codeVerifier: string,
  ): Promise<ExchangedTokens> {
    const requestedAt = Date.now();
    const response = await postMicrosoftToken(this.config.MICROSOFT_AUTHORITY_HOST, client.tenantId, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: this.redirectUri,
      scope: MICROSOFT_DELEGATED_SCOPES.join(' '),
    });
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      expiresAt: new Date(requestedAt + response.expires_in * 1000),
    };
  }
}

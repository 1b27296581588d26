import { AuthError, ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { sha256Hex } from '@app/crypto';
import { IssuedToken, MICROSOFT_APP_ONLY_SCOPE, MicrosoftClientCredentials } from './oauth-credentials';
import { describeFetchFailure } from './microsoft-token-endpoint';
import {
  localTokenError,
  missingTokenError,
  OAuthTokenError,
  oauthTokenError,
  oauthTokenErrorFromBody,
  unreachableTokenEndpointError,
} from './oauth-token-error';

const DEFAULT_AUTHORITY_HOST = 'login.microsoftonline.com';
// Each app instance keeps discovery metadata and msal's throttling state; bound them so integrations
// whose secrets changed over months do not pile up.
const MAX_APPS = 1000;
const DISCOVERY_PROBE_TIMEOUT_MS = 10_000;

/** App-only tokens for SMTP through msal-node (client credentials grant). */
@Injectable()
export class MicrosoftClientCredentialsService {
  private readonly apps = new Map<string, ConfidentialClientApplication>();

  constructor(private readonly config: AppConfig) {}

  async issue(credentials: MicrosoftClientCredentials): Promise<IssuedToken> {
    try {
      // skipCache: the shared Redis cache is the token cache; Mailroom only comes here when it needs a
      // new token (none cached, or the cached one was refused with 535), and msal's copy would be the refused one.
      const result = await this.appFor(credentials).acquireTokenByClientCredential({
        scopes: [MICROSOFT_APP_ONLY_SCOPE],
        skipCache: true,
      });
      if (!result?.accessToken) throw missingTokenError('microsoft', 'access_token');
      // Without an expiry the token is used once and not cached.
      return { accessToken: result.accessToken, expiresAt: result.expiresOn ?? new Date() };
    } catch (error) {
      if (error instanceof OAuthTokenError || !(error instanceof AuthError)) throw error;
      throw await this.translate(error, credentials);
    }
  }

  private appFor(credentials: MicrosoftClientCredentials): ConfidentialClientApplication {
    const authority = this.authorityOf(credentials.tenantId);
    const key = `${authority}|${credentials.clientId}|${sha256Hex(credentials.clientSecret)}`;
    const existing = this.apps.get(key);
    if (existing) {
      this.apps.delete(key);
      this.apps.set(key, existing);
      return existing;
    }
    const host = new URL(this.config.MICROSOFT_AUTHORITY_HOST).host;
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        authority,
        // Any other host (national cloud gateway, test fake) must be trusted explicitly; msal then reads its
        // OpenID configuration instead of asking login.microsoftonline.com for instance discovery.
        knownAuthorities: host === DEFAULT_AUTHORITY_HOST ? [] : [host],
      },
    });
    this.apps.set(key, app);
    if (this.apps.size > MAX_APPS) this.apps.delete(this.apps.keys().next().value as string);
    return app;
  }

  private authorityOf(tenantId: string): string {
    return `${this.config.MICROSOFT_AUTHORITY_HOST.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}`;
  }

  private async translate(error: AuthError, credentials: MicrosoftClientCredentials): Promise<OAuthTokenError> {
    const secrets = [credentials.clientSecret];
    if (error instanceof ServerError) {
      // A ServerError without an HTTP status is msal refusing locally: after a 429/5xx it blocks the
      // same request for 60 s (or Retry-After) without calling Microsoft.
      if (error.status === undefined) {
        const reason = error.errorMessage.split(/\r?\n/)[0];
        return localTokenError('microsoft', 'throttled', `msal holds back requests after a recent 429/5xx: ${reason}`, {
          transient: true,
          secrets,
        });
      }
      return oauthTokenError(
        {
          provider: 'microsoft',
          code: error.errorCode,
          description: /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(error.errorMessage)?.[1] ?? error.errorMessage,
          providerCode: error.errorNo ? `AADSTS${error.errorNo}` : undefined,
          status: error.status,
        },
        secrets,
      );
    }
    switch (error.errorCode) {
      case 'network_error':
        return unreachableTokenEndpointError('microsoft', error.errorMessage);
      case 'missing_tenant_id_error':
        return localTokenError('microsoft', 'missing_tenant_id', `"${credentials.tenantId}" is not a tenant ID`);
      case 'endpoints_resolution_error':
      case 'openid_config_error':
        return this.discoveryFailure(credentials.tenantId);
      default:
        return localTokenError('microsoft', error.errorCode, `msal refused the request: ${error.errorCode}: ${error.errorMessage}`, {
          secrets,
        });
    }
  }

  /**
   * msal reports every failed OpenID discovery the same way, dropping Microsoft's answer. Asking once
   * more tells a wrong tenant (AADSTS90002) from an unreachable host, which is worth retrying.
   */
  private async discoveryFailure(tenantId: string): Promise<OAuthTokenError> {
    const url = `${this.authorityOf(tenantId)}/v2.0/.well-known/openid-configuration`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_PROBE_TIMEOUT_MS) });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) return oauthTokenErrorFromBody('microsoft', response.status, body, []);
    } catch (error) {
      return unreachableTokenEndpointError('microsoft', describeFetchFailure(error));
    }
    return localTokenError('microsoft', 'openid_config_error', `msal could not use the OpenID configuration at ${url}`);
  }
}

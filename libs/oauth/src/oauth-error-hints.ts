import { OAuthProvider } from './oauth-credentials';

const RECONNECT = 'Press "connect" on the integration to sign in again, or paste a new refresh token.';

// Microsoft's AADSTS numbers are more precise than the OAuth error they come with.
const MICROSOFT_BY_PROVIDER_CODE: Record<string, string> = {
  AADSTS7000215:
    'The client secret is wrong. In Entra ID > App registrations > Certificates & secrets, copy the secret\'s "Value" ' +
    '(shown only right after it is created), not its "Secret ID".',
  AADSTS7000222:
    'The client secret has expired. Create a new one in Entra ID > App registrations > Certificates & secrets and paste its Value here.',
  AADSTS700016:
    'The application (client) ID was not found in this tenant: check the Directory (tenant) ID, and that an administrator ' +
    'of that tenant has granted admin consent to the app (Enterprise applications must list it).',
  AADSTS90002:
    "The tenant was not found: use the Directory (tenant) ID from the app registration's Overview page " +
    '(a GUID or a verified domain), and the right cloud.',
  AADSTS70001: 'The application is disabled in this tenant: an administrator must enable it under Enterprise applications.',
  AADSTS65001: `The app has not been granted consent in this tenant: an administrator must grant admin consent, then ${RECONNECT.toLowerCase()}`,
};

const COMMON_BY_CODE: Record<string, string> = {
  unauthorized_client:
    'The token or grant was issued to a different client ID than the one configured here, or the app may not use this flow. ' +
    'Use the same client ID and secret that obtained the refresh token, or reconnect.',
  invalid_client: "The client ID or secret is wrong: copy both again from the provider's console.",
  access_denied: 'The consent screen was cancelled or access was refused. Press "connect" again and accept the requested permission.',
  invalid_state: 'This sign-in link expired or was already used. Press "connect" again.',
  missing_tenant_id: 'Client credentials need a tenant ID (a GUID or domain); "common", "organizations" and "consumers" are not accepted.',
  network_error: 'The identity provider could not be reached. Mailroom retries; if it persists, check outbound HTTPS from the worker.',
  throttled: 'The identity provider recently failed or throttled this app; Mailroom waits before asking again.',
  refresh_token_not_saved: 'The provider issued a new refresh token that could not be saved; the next attempt retries.',
  token_wait_timeout: "Another worker is still fetching this integration's token; Mailroom retries.",
};

const BY_CODE: Record<OAuthProvider, Record<string, string>> = {
  microsoft: {
    ...COMMON_BY_CODE,
    invalid_grant: `The refresh token has expired or was revoked (unused for 90 days, password reset, or access revoked). ${RECONNECT}`,
    invalid_scope:
      'Microsoft refused the requested scope. App-only sending needs the application permission Office 365 Exchange Online > ' +
      'SMTP.SendAsApp with admin consent; delegated sending needs SMTP.Send (SMTP.SendAsApp fails in a delegated flow).',
    missing_refresh_token: `Microsoft returned no refresh token: the offline_access permission was not granted. ${RECONNECT}`,
    openid_config_error:
      "Microsoft did not return the tenant's OpenID configuration: check the Directory (tenant) ID and the authority host.",
  },
  google: {
    ...COMMON_BY_CODE,
    invalid_grant:
      'The refresh token has expired or was revoked. Google expires refresh tokens after 7 days while the OAuth consent screen ' +
      `is in "Testing": publish the app (In production), then reconnect. ${RECONNECT}`,
    invalid_client:
      'Google does not know this client ID or the secret is wrong: copy both from Google Cloud console > APIs & Services > Credentials.',
    invalid_scope: 'Add https://mail.google.com/ to the scopes of the OAuth consent screen, then reconnect.',
    missing_refresh_token:
      'Google returned no refresh token because this account had already granted access. Remove the app at ' +
      'https://myaccount.google.com/permissions, then press "connect" again.',
    admin_policy_enforced: 'A Google Workspace administrator blocks this app: they must trust it under Security > API controls.',
  },
};

const TRANSIENT_HINT = 'The identity provider is temporarily unavailable; Mailroom retries later.';

/** The fix to show an admin for a token or consent failure, when one is known. */
export function oauthErrorHint(provider: OAuthProvider, code: string, providerCode?: string, transient = false): string | undefined {
  const precise = provider === 'microsoft' && providerCode ? MICROSOFT_BY_PROVIDER_CODE[providerCode] : undefined;
  return precise ?? BY_CODE[provider][code] ?? (transient ? TRANSIENT_HINT : undefined);
}

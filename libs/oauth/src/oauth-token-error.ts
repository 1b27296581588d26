import { oauthErrorHint } from './oauth-error-hints';
import { OAuthProvider } from './oauth-credentials';

export interface OAuthTokenErrorDetails {
  provider: OAuthProvider;
  /** The OAuth error (`invalid_grant`, …) or one of Mailroom's (`missing_refresh_token`, `network_error`, …). */
  code: string;
  /** The provider's own finer code, such as `AADSTS7000215`. */
  providerCode?: string;
  /** The provider's error code and description, with every known secret removed. */
  message: string;
  /** What the integration's admin should do about it. */
  hint?: string;
  /** Asking again later may succeed (5xx, 429, network): retry instead of marking the integration broken. */
  transient: boolean;
  status?: number;
}

/**
 * A token request that failed. Library errors are never attached as `cause`: gaxios and msal
 * errors carry the request, whose body holds the client secret and the refresh token.
 */
export class OAuthTokenError extends Error {
  override readonly name = 'OAuthTokenError';
  readonly provider: OAuthProvider;
  readonly code: string;
  readonly providerCode?: string;
  readonly hint?: string;
  readonly transient: boolean;
  readonly status?: number;

  constructor(details: OAuthTokenErrorDetails) {
    super(details.message);
    this.provider = details.provider;
    this.code = details.code;
    this.providerCode = details.providerCode;
    this.hint = details.hint;
    this.transient = details.transient;
    this.status = details.status;
  }

  toJSON(): OAuthTokenErrorDetails {
    const { provider, code, providerCode, message, hint, transient, status } = this;
    return { provider, code, providerCode, message, hint, transient, status };
  }
}

const PROVIDER_NAMES: Record<OAuthProvider, string> = {
  microsoft: 'Microsoft identity platform',
  google: 'Google OAuth',
};

export function providerName(provider: OAuthProvider): string {
  return PROVIDER_NAMES[provider];
}

// Shorter strings would mangle ordinary words; real secrets and tokens are far longer.
const MIN_REDACTED_LENGTH = 6;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret.length >= MIN_REDACTED_LENGTH)
    .reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text);
}

/** What a provider answered: an OAuth error code and its description. */
export interface ProviderFailure {
  provider: OAuthProvider;
  code: string;
  description?: string;
  providerCode?: string;
  status?: number;
}

/** Builds the error from the provider's answer; the hint is chosen by provider code first, then OAuth code. */
export function oauthTokenError(failure: ProviderFailure, secrets: readonly string[]): OAuthTokenError {
  const { provider, code, providerCode, status } = failure;
  const transient = status === 429 || (status !== undefined && status >= 500);
  // Microsoft appends trace and correlation ids on further lines; the first line is the reason.
  const reason = failure.description?.split(/\r?\n/)[0]?.trim();
  return new OAuthTokenError({
    provider,
    code,
    providerCode,
    message: redactSecrets(`${providerName(provider)} answered ${reason ? `${code}: ${reason}` : code}`, secrets),
    hint: oauthErrorHint(provider, code, providerCode, transient),
    transient,
    status,
  });
}

/** A failure Mailroom describes itself (no answer, an answer without a token, a local refusal). */
export function localTokenError(
  provider: OAuthProvider,
  code: string,
  message: string,
  options: { transient?: boolean; secrets?: readonly string[] } = {},
): OAuthTokenError {
  const transient = options.transient ?? false;
  return new OAuthTokenError({
    provider,
    code,
    message: redactSecrets(message, options.secrets ?? []),
    hint: oauthErrorHint(provider, code, undefined, transient),
    transient,
  });
}

/** Reads the standard OAuth error body (RFC 6749 §5.2, plus Microsoft's `error_codes`). */
export function oauthTokenErrorFromBody(
  provider: OAuthProvider,
  status: number,
  body: unknown,
  secrets: readonly string[],
): OAuthTokenError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.error === 'string' ? fields.error : status >= 500 ? 'server_error' : 'invalid_response';
  const description = typeof fields.error_description === 'string' ? fields.error_description : `HTTP ${status}`;
  const errorCodes = Array.isArray(fields.error_codes) ? fields.error_codes : [];
  const aadsts = errorCodes.length > 0 ? `AADSTS${String(errorCodes[0])}` : /^(AADSTS\d+)/.exec(description)?.[1];
  return oauthTokenError({ provider, code, description, providerCode: aadsts, status }, secrets);
}

export function unreachableTokenEndpointError(provider: OAuthProvider, detail: string): OAuthTokenError {
  return localTokenError(provider, 'network_error', `${providerName(provider)} could not be reached: ${detail}`, { transient: true });
}

export function missingTokenError(provider: OAuthProvider, field: 'access_token' | 'refresh_token'): OAuthTokenError {
  const code = field === 'refresh_token' ? 'missing_refresh_token' : 'invalid_response';
  return localTokenError(provider, code, `${providerName(provider)} answered without a ${field.replace('_', ' ')}`);
}

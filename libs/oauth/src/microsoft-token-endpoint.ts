import { missingTokenError, oauthTokenErrorFromBody, unreachableTokenEndpointError } from './oauth-token-error';

const TIMEOUT_MS = 15_000;

export interface MicrosoftTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

/**
 * POSTs to the v2.0 token endpoint of a tenant. Used for the delegated grants because msal keeps
 * the refresh tokens it receives in its own cache and never hands them to the caller, while
 * Mailroom must store each rotated one with the integration.
 */
export async function postMicrosoftToken(
  authorityHost: string,
  tenantId: string,
  form: Record<string, string>,
): Promise<MicrosoftTokenResponse> {
  const url = `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const secrets = [form.client_secret, form.refresh_token, form.code, form.code_verifier].filter(
    (value): value is string => value !== undefined,
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw unreachableTokenEndpointError('microsoft', describeFetchFailure(error));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw oauthTokenErrorFromBody('microsoft', response.status, body, secrets);
  const fields = (body ?? {}) as Record<string, unknown>;
  // The v1 endpoint sent expires_in as a string; some gateways in front of v2 still do.
  const expiresIn = Number(fields.expires_in);
  if (typeof fields.access_token !== 'string' || !Number.isFinite(expiresIn)) {
    throw missingTokenError('microsoft', 'access_token');
  }
  return {
    access_token: fields.access_token,
    expires_in: expiresIn,
    refresh_token: typeof fields.refresh_token === 'string' ? fields.refresh_token : undefined,
    scope: typeof fields.scope === 'string' ? fields.scope : undefined,
  };
}

/** fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, certificate errors) in `cause`. */
export function describeFetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

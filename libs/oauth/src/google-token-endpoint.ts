import { OAuth2Client } from 'google-auth-library';
import { oauthTokenErrorFromBody, unreachableTokenEndpointError } from './oauth-token-error';

const TIMEOUT_MS = 15_000;

/** A client for one request: its state (credentials, refresh promises) belongs to one integration. */
export function createGoogleClient(
  tokenUrl: string,
  client: { clientId: string; clientSecret: string },
  redirectUri?: string,
): OAuth2Client {
  return new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri,
    endpoints: { oauth2TokenUrl: tokenUrl },
    // gaxios otherwise loads node-fetch through a dynamic import(), which Jest's CommonJS runtime
    // cannot do; Node's own fetch is the same thing and honours NODE_EXTRA_CA_CERTS.
    transporterOptions: { timeout: TIMEOUT_MS, fetchImplementation: fetch },
  });
}

/**
 * Rethrows a failed Google token request as an OAuthTokenError. gaxios errors carry the whole
 * request, form body included (client secret, refresh token, code): only the status and Google's
 * answer are kept. Anything that is not a gaxios error is a bug and is rethrown as it is.
 */
export function throwGoogleTokenError(error: unknown, secrets: readonly string[]): never {
  const failure = error as { config?: unknown; code?: unknown; response?: { status?: number; data?: unknown } } | undefined;
  if (failure?.response?.status !== undefined) {
    throw oauthTokenErrorFromBody('google', failure.response.status, failure.response.data, secrets);
  }
  if (failure?.config !== undefined) {
    throw unreachableTokenEndpointError('google', typeof failure.code === 'string' ? failure.code : 'no answer');
  }
  throw error;
}

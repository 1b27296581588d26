import { GOOGLE_MAIL_SCOPE, microsoftDelegatedScope } from './oauth-credentials';

export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  /** Bounce processing will read the mailbox with the tokens this consent gives (Microsoft asks for IMAP too). */
  readsMailbox?: boolean;
}

export function googleConsentUrl(authUrl: string, request: ConsentRequest): string {
  const url = new URL(authUrl);
  url.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: GOOGLE_MAIL_SCOPE,
    // Without both, Google returns a refresh token only the first time an account consents.
    access_type: 'offline',
    prompt: 'consent',
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export function microsoftConsentUrl(authorityHost: string, tenantId: string, request: ConsentRequest): string {
  const url = new URL(`${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope: microsoftDelegatedScope(request.readsMailbox ?? false),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    // The admin is often signed in as themselves but connects a shared sender mailbox.
    prompt: 'select_account',
  }).toString();
  return url.toString();
}

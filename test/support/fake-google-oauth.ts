import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, matchesCodeChallenge, readForm, sendIntrospection, sendJson } from './fake-oauth-server';

/** Failures the fake can be told to answer with, as Google's token endpoint sends them. */
export type GoogleOAuthFailure = 'invalid_grant' | 'invalid_client' | 'unauthorized_client' | 'invalid_scope' | 'internal_failure';

export type GoogleGrantType = 'refresh_token' | 'authorization_code';

export interface GoogleTokenRequest {
  grantType: string;
  clientId: string;
}

// Google's answers are terse; these are the texts it really sends.
const FAILURES: Record<GoogleOAuthFailure, { status: number; error: string; description: string }> = {
  invalid_grant: { status: 400, error: 'invalid_grant', description: 'Token has been expired or revoked.' },
  invalid_client: { status: 401, error: 'invalid_client', description: 'Unauthorized' },
  unauthorized_client: { status: 401, error: 'unauthorized_client', description: 'Unauthorized' },
  invalid_scope: { status: 400, error: 'invalid_scope', description: 'Bad Request' },
  internal_failure: { status: 503, error: 'internal_failure', description: 'Backend Error' },
};

const SCOPE = 'https://mail.google.com/';

/** The OAuth client a token was issued to, and the Google account whose mailbox it opens. */
interface Grant {
  clientId: string;
  mailbox?: string;
  /** What the account consented to; Mailroom asks for https://mail.google.com/, another app may have asked for less. */
  scope?: string;
}

interface PendingCode extends Grant {
  codeChallenge: string;
  redirectUri?: string;
  withRefreshToken: boolean;
}

/**
 * Google's OAuth token endpoint over plain HTTP on loopback (GOOGLE_TOKEN_URL points at `tokenUrl`).
 * Clients must be added first. Refresh tokens rotate only when `rotateRefreshTokens` is on, as Google
 * does for some clients; after a rotation the previous token is refused with invalid_grant.
 * `POST /introspect` (RFC 7662) lets a test IMAP server (Dovecot's oauth2 passdb) check a token
 * the way Gmail checks it.
 */
export class FakeGoogleOAuth {
  /** Every token request received, failures included, in order. */
  readonly tokenRequests: GoogleTokenRequest[] = [];
  /** `expires_in` of issued access tokens, in seconds. */
  expiresIn = 3599;
  rotateRefreshTokens = false;

  private readonly clients = new Map<string, string>();
  private readonly failures = new Map<string, GoogleOAuthFailure>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, Grant>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeGoogleOAuth> {
    const server = createServer();
    const fake = new FakeGoogleOAuth(server, await listenOnLoopback(server, 'http'));
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  get tokenUrl(): string {
    return `${this.baseUrl}/token`;
  }

  /** Not served: the browser would go there. Useful as GOOGLE_AUTH_URL. */
  get authUrl(): string {
    return `${this.baseUrl}/o/oauth2/v2/auth`;
  }

  /** Where Dovecot's oauth2 passdb posts `token=…`: see `sendIntrospection`. */
  get introspectionUrl(): string {
    return `${this.baseUrl}/introspect`;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  addClient(client: { clientId: string; clientSecret: string }): void {
    this.clients.set(client.clientId, client.clientSecret);
  }

  /** Every later token request of this client id gets this failure, until `clearFailure`. */
  failClient(clientId: string, failure: GoogleOAuthFailure): void {
    this.failures.set(clientId, failure);
  }

  clearFailure(clientId: string): void {
    this.failures.delete(clientId);
  }

  /** A refresh token as if the Google account `mailbox` had consented earlier (to `scope`, by default https://mail.google.com/). */
  issueRefreshToken(clientId: string, mailbox?: string, scope?: string): string {
    const token = `1//fake-google-rt-${randomBytes(12).toString('hex')}`;
    this.refreshTokens.set(token, { clientId, mailbox, scope });
    return token;
  }

  /**
   * What the consent screen would have recorded before redirecting back with `code`. Google returns a
   * refresh token only when the consent URL had access_type=offline and prompt=consent (or the account
   * consented for the first time): `withRefreshToken` stands for that.
   */
  registerAuthorizationCode(pending: {
    code: string;
    clientId: string;
    codeChallenge: string;
    redirectUri?: string;
    withRefreshToken: boolean;
    mailbox?: string;
  }): void {
    const { code, ...rest } = pending;
    this.codes.set(code, rest);
  }

  tokenRequestCount(grantType?: GoogleGrantType): number {
    return this.tokenRequests.filter((request) => grantType === undefined || request.grantType === grantType).length;
  }

  isValidAccessToken(token: string): boolean {
    return this.accessTokens.has(token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    if (req.method === 'POST' && path === '/token') return this.token(await readForm(req), res);
    if (req.method === 'POST' && path === '/introspect') return this.introspect(await readForm(req), res);
    sendJson(res, 404, { error: 'not_found' });
  }

  private token(form: URLSearchParams, res: ServerResponse): void {
    const clientId = form.get('client_id') ?? '';
    const grantType = form.get('grant_type') ?? '';
    this.tokenRequests.push({ grantType, clientId });

    const forced = this.failures.get(clientId);
    if (forced) return fail(res, forced);
    const secret = this.clients.get(clientId);
    if (secret === undefined) return sendJson(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    if (form.get('client_secret') !== secret) return fail(res, 'invalid_client');
    if (grantType === 'refresh_token') return this.refresh(form.get('refresh_token') ?? '', clientId, res);
    if (grantType === 'authorization_code') return this.redeem(form, clientId, res);
    sendJson(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType}` });
  }

  private refresh(refreshToken: string, clientId: string, res: ServerResponse): void {
    const grant = this.refreshTokens.get(refreshToken);
    if (grant === undefined) return fail(res, 'invalid_grant');
    // Google's answer when a refresh token is presented by another OAuth client than the one it was issued to.
    if (grant.clientId !== clientId) return fail(res, 'unauthorized_client');
    if (!this.rotateRefreshTokens) return this.issue(res, grant, undefined);
    this.refreshTokens.delete(refreshToken);
    this.issue(res, grant, this.issueRefreshToken(clientId, grant.mailbox, grant.scope));
  }

  private redeem(form: URLSearchParams, clientId: string, res: ServerResponse): void {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    if (!pending || pending.clientId !== clientId) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
    }
    if (!matchesCodeChallenge(form.get('code_verifier') ?? '', pending.codeChallenge)) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    }
    if (pending.redirectUri !== undefined && form.get('redirect_uri') !== pending.redirectUri) {
      return sendJson(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
    }
    this.codes.delete(code);
    const grant = { clientId, mailbox: pending.mailbox };
    this.issue(res, grant, pending.withRefreshToken ? this.issueRefreshToken(clientId, pending.mailbox) : undefined);
  }

  private issue(res: ServerResponse, grant: Grant, refreshToken: string | undefined): void {
    const accessToken = `ya29.fake-${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(accessToken, grant);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: this.expiresIn,
      scope: grant.scope ?? SCOPE,
      token_type: 'Bearer',
    };
    if (refreshToken !== undefined) body.refresh_token = refreshToken;
    sendJson(res, 200, body);
  }

  private introspect(form: URLSearchParams, res: ServerResponse): void {
    const grant = this.accessTokens.get(form.get('token') ?? '');
    sendIntrospection(res, grant && { ...grant, scope: grant.scope ?? SCOPE });
  }
}

function fail(res: ServerResponse, failure: GoogleOAuthFailure): void {
  const { status, error, description } = FAILURES[failure];
  sendJson(res, status, { error, error_description: description });
}

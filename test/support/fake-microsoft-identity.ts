import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { join } from 'node:path';
import { closeServer, listenOnLoopback, matchesCodeChallenge, readForm, sendIntrospection, sendJson } from './fake-oauth-server';

/** Failures the fake can be told to answer with, named by the AADSTS code or OAuth error a test expects. */
export type MicrosoftIdentityFailure =
  | 'AADSTS7000215'
  | 'AADSTS700016'
  | 'AADSTS7000222'
  | 'AADSTS90002'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'invalid_scope'
  | 'temporarily_unavailable';

export type MicrosoftGrantType = 'client_credentials' | 'refresh_token' | 'authorization_code';

export interface MicrosoftTokenRequest {
  tenantId: string;
  grantType: string;
  clientId: string;
  scope: string;
}

type ErrorTemplate = [status: number, error: string, code: number, description: string];

type ErrorName =
  | MicrosoftIdentityFailure
  | 'revoked_grant'
  | 'code_redeemed'
  | 'pkce_mismatch'
  | 'redirect_mismatch'
  | 'default_scope_required'
  | 'consent_required';

// Texts as Microsoft writes them, so hint matching is tested against what production will see.
const TEMPLATES: Record<ErrorName, ErrorTemplate> = {
  AADSTS7000215: [
    401,
    'invalid_client',
    7000215,
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.",
  ],
  AADSTS700016: [
    400,
    'unauthorized_client',
    700016,
    "Application with identifier '{clientId}' was not found in the directory '{tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
  ],
  AADSTS7000222: [
    401,
    'invalid_client',
    7000222,
    "The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.",
  ],
  AADSTS90002: [
    400,
    'invalid_request',
    90002,
    "Tenant '{tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
  ],
  invalid_grant: [
    400,
    'invalid_grant',
    700082,
    'The refresh token has expired due to inactivity. The token was issued on 2024-01-01T00:00:00.0000000Z and was inactive for 90.00:00:00.',
  ],
  unauthorized_client: [400, 'unauthorized_client', 70001, "Application '{clientId}' is disabled."],
  invalid_scope: [
    400,
    'invalid_scope',
    70011,
    "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.",
  ],
  temporarily_unavailable: [503, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'],
  // Asked with a refresh token for a scope its consent did not cover (IMAP added after the consent, say).
  consent_required: [
    400,
    'invalid_grant',
    65001,
    "The user or administrator has not consented to use the application with ID '{clientId}' named 'Mailroom'. Send an interactive authorization request for this user and resource.",
  ],
  revoked_grant: [
    400,
    'invalid_grant',
    50173,
    'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
  ],
  code_redeemed: [
    400,
    'invalid_grant',
    54005,
    'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  ],
  pkce_mismatch: [
    400,
    'invalid_grant',
    501481,
    'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  ],
  redirect_mismatch: [
    400,
    'invalid_grant',
    500112,
    "The reply address '{redirectUri}' does not match the reply address provided when requesting Authorization code.",
  ],
  default_scope_required: [
    400,
    'invalid_scope',
    1002012,
    'The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
  ],
};

interface App {
  clientSecret: string;
  secretExpired: boolean;
  mailbox?: string;
}

// Type aliases rather than interfaces, so a grant can fill the `{name}` placeholders of an error text.
type Grant = {
  tenantId: string;
  clientId: string;
  scope: string;
  /** Whose mail the token opens: the signed-in user of a delegated grant, the app's mailbox of an app-only one. */
  mailbox?: string;
};

type PendingCode = Grant & {
  codeChallenge: string;
  redirectUri?: string;
};

const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');
const DELEGATED_SCOPE = 'offline_access https://outlook.office.com/SMTP.Send';

/**
 * The parts of the Microsoft identity platform Mailroom talks to, over HTTPS on loopback:
 * OpenID discovery (msal fetches it for a host named in `knownAuthorities`; that same setting
 * spares it the instance-discovery call to login.microsoftonline.com), the v2.0 token endpoint, and
 * the authorize endpoint a browser is sent to (consent is given at once, see `consent`).
 * Apps must be added first; an unknown tenant or client gets the error Microsoft would give.
 * Microsoft offers no token introspection; `POST /introspect` (RFC 7662) stands in for Exchange
 * Online's own check of a token, so that a test IMAP server (Dovecot's oauth2 passdb) can make it.
 */
export class FakeMicrosoftIdentity {
  /** Every token request received, failures included, in order. */
  readonly tokenRequests: MicrosoftTokenRequest[] = [];
  /** Every visit of a browser to the consent screen (GET …/oauth2/v2.0/authorize), as it asked. */
  readonly authorizeRequests: URL[] = [];
  openIdConfigurationRequests = 0;
  /** `expires_in` of issued access tokens, in seconds. */
  expiresIn = 3599;

  private readonly apps = new Map<string, App>();
  private readonly failures = new Map<string, MicrosoftIdentityFailure>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly redeemedCodes = new Set<string>();
  private readonly accessTokens = new Map<string, Grant & { grantType: string }>();

  private constructor(
    private readonly server: Server,
    readonly authorityHost: string,
  ) {}

  static async start(): Promise<FakeMicrosoftIdentity> {
    const server = createServer({
      key: readFileSync(join(TLS_DIR, 'server.key')),
      cert: readFileSync(join(TLS_DIR, 'server.crt')),
    });
    const fake = new FakeMicrosoftIdentity(server, await listenOnLoopback(server, 'https'));
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** Where Dovecot's oauth2 passdb posts `token=…`: see `sendIntrospection`. */
  get introspectionUrl(): string {
    return `${this.authorityHost}/introspect`;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /**
   * `mailbox` is the one mailbox the app's client-credentials tokens open, as Add-MailboxPermission
   * grants it to the app's service principal in Exchange Online.
   */
  addApp(app: { tenantId: string; clientId: string; clientSecret: string; mailbox?: string }): void {
    this.apps.set(`${app.tenantId}/${app.clientId}`, { clientSecret: app.clientSecret, secretExpired: false, mailbox: app.mailbox });
  }

  expireSecret(tenantId: string, clientId: string): void {
    const app = this.apps.get(`${tenantId}/${clientId}`);
    if (app) app.secretExpired = true;
  }

  /** Every later token request of this client id gets this failure, until `clearFailure`. */
  failClient(clientId: string, failure: MicrosoftIdentityFailure): void {
    this.failures.set(clientId, failure);
  }

  clearFailure(clientId: string): void {
    this.failures.delete(clientId);
  }

  /** A refresh token as if the user (whose mailbox is `mailbox`) had consented to `scope` earlier. */
  issueRefreshToken(grant: { tenantId: string; clientId: string; scope?: string; mailbox?: string }): string {
    const token = `fake-ms-rt-${randomBytes(12).toString('hex')}`;
    this.refreshTokens.set(token, { scope: DELEGATED_SCOPE, ...grant });
    return token;
  }

  /** What the authorize endpoint would have recorded before redirecting the browser back with `code`. */
  registerAuthorizationCode(pending: {
    code: string;
    tenantId: string;
    clientId: string;
    codeChallenge: string;
    redirectUri?: string;
    scope?: string;
    mailbox?: string;
  }): void {
    const { code, ...rest } = pending;
    this.codes.set(code, { scope: DELEGATED_SCOPE, ...rest });
  }

  tokenRequestCount(grantType?: MicrosoftGrantType): number {
    return this.tokenRequests.filter((request) => grantType === undefined || request.grantType === grantType).length;
  }

  isValidAccessToken(token: string): boolean {
    return this.accessTokens.has(token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.authorityHost).pathname;
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    const authorize = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/.exec(path);
    if (req.method === 'GET' && discovery) return this.openIdConfiguration(decodeURIComponent(discovery[1]!), res);
    if (req.method === 'GET' && authorize)
      return this.consent(decodeURIComponent(authorize[1]!), new URL(req.url!, this.authorityHost), res);
    if (req.method === 'POST' && token) return this.token(decodeURIComponent(token[1]!), await readForm(req), res);
    if (req.method === 'POST' && path === '/introspect') return this.introspect(await readForm(req), res);
    sendJson(res, 404, { error: 'not_found' });
  }

  private openIdConfiguration(tenantId: string, res: ServerResponse): void {
    this.openIdConfigurationRequests += 1;
    if (!this.knowsTenant(tenantId)) return this.fail(res, 'AADSTS90002', { tenantId });
    const base = `${this.authorityHost}/${tenantId}`;
    sendJson(res, 200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    });
  }

  /**
   * The consent screen, as if the person signed in and accepted at once: the code is remembered with
   * the PKCE challenge and redirect URI, and the browser goes back to the redirect URI with it and the state.
   */
  private consent(tenantId: string, url: URL, res: ServerResponse): void {
    this.authorizeRequests.push(url);
    const clientId = url.searchParams.get('client_id') ?? '';
    const redirectUri = url.searchParams.get('redirect_uri');
    if (!this.apps.has(`${tenantId}/${clientId}`)) return this.fail(res, 'AADSTS700016', { tenantId, clientId });
    if (!redirectUri)
      return sendJson(res, 400, { error: 'invalid_request', error_description: "AADSTS900144: 'redirect_uri' is missing." });
    const code = `M.fake-code-${randomBytes(10).toString('hex')}`;
    // Consent covers what the browser was sent to ask for.
    this.registerAuthorizationCode({
      code,
      tenantId,
      clientId,
      codeChallenge: url.searchParams.get('code_challenge') ?? '',
      redirectUri,
      scope: url.searchParams.get('scope') ?? DELEGATED_SCOPE,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.href, 'cache-control': 'no-store' });
    res.end();
  }

  private token(tenantId: string, form: URLSearchParams, res: ServerResponse): void {
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    const grantType = form.get('grant_type') ?? '';
    this.tokenRequests.push({ tenantId, grantType, clientId, scope });
    const context = { tenantId, clientId, scope };

    if (!this.knowsTenant(tenantId)) return this.fail(res, 'AADSTS90002', context);
    const forced = this.failures.get(clientId);
    if (forced) return this.fail(res, forced, context);
    const app = this.apps.get(`${tenantId}/${clientId}`);
    if (!app) return this.fail(res, 'AADSTS700016', context);
    if (app.secretExpired) return this.fail(res, 'AADSTS7000222', context);
    if (form.get('client_secret') !== app.clientSecret) return this.fail(res, 'AADSTS7000215', context);

    if (grantType === 'client_credentials') {
      if (!scope.endsWith('/.default')) return this.fail(res, 'default_scope_required', context);
      return this.issue(res, { tenantId, clientId, scope, mailbox: app.mailbox }, grantType, false);
    }
    // Microsoft refuses app-only permissions in a delegated flow (seen as SMTP.SendAsApp + refresh token).
    if (scope.includes('SMTP.SendAsApp')) return this.fail(res, 'invalid_scope', context);
    if (grantType === 'refresh_token') return this.refresh(form.get('refresh_token') ?? '', context, res);
    if (grantType === 'authorization_code') return this.redeem(form, context, res);
    sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`,
      error_codes: [70003],
    });
  }

  // Microsoft rotates refresh tokens on every use; the fake also refuses the old one, so a caller
  // that forgets to save the new token fails loudly in tests.
  private refresh(refreshToken: string, context: Grant, res: ServerResponse): void {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== context.clientId || grant.tenantId !== context.tenantId) {
      return this.fail(res, 'revoked_grant', context);
    }
    const granted = new Set(grant.scope.split(' '));
    if (context.scope.split(' ').some((scope) => scope && !granted.has(scope))) return this.fail(res, 'consent_required', context);
    this.refreshTokens.delete(refreshToken);
    this.issue(res, { ...grant, scope: context.scope || grant.scope }, 'refresh_token', true);
  }

  private redeem(form: URLSearchParams, context: Grant, res: ServerResponse): void {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    if (!pending || pending.clientId !== context.clientId || pending.tenantId !== context.tenantId) {
      return this.fail(res, this.redeemedCodes.has(code) ? 'code_redeemed' : 'revoked_grant', context);
    }
    if (!matchesCodeChallenge(form.get('code_verifier') ?? '', pending.codeChallenge)) {
      return this.fail(res, 'pkce_mismatch', context);
    }
    const redirectUri = form.get('redirect_uri') ?? '';
    if (pending.redirectUri !== undefined && redirectUri !== pending.redirectUri) {
      return this.fail(res, 'redirect_mismatch', { ...context, redirectUri });
    }
    this.codes.delete(code);
    this.redeemedCodes.add(code);
    this.issue(res, { ...pending, scope: context.scope || pending.scope }, 'authorization_code', true);
  }

  private issue(res: ServerResponse, grant: Grant, grantType: string, delegated: boolean): void {
    const accessToken = `fake-ms-at-${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(accessToken, { ...grant, grantType });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: grant.scope,
      expires_in: this.expiresIn,
      ext_expires_in: this.expiresIn,
      access_token: accessToken,
    };
    if (delegated && grant.scope.split(' ').includes('offline_access')) {
      body.refresh_token = this.issueRefreshToken(grant);
    }
    sendJson(res, 200, body);
  }

  private introspect(form: URLSearchParams, res: ServerResponse): void {
    sendIntrospection(res, this.accessTokens.get(form.get('token') ?? ''));
  }

  private knowsTenant(tenantId: string): boolean {
    return [...this.apps.keys()].some((key) => key.startsWith(`${tenantId}/`));
  }

  private fail(res: ServerResponse, failure: ErrorName, context: Record<string, string | undefined>): void {
    const [status, error, code, description] = TEMPLATES[failure];
    const traceId = randomBytes(16).toString('hex');
    const correlationId = randomBytes(16).toString('hex');
    const timestamp = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    const text = description.replace(/\{(\w+)\}/g, (_, name: string) => context[name] ?? '');
    sendJson(res, status, {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    });
  }
}

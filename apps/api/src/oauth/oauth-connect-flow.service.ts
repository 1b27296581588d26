import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { AppConfig } from '@app/config';
import { randomToken } from '@app/crypto';
import type { IntegrationEntity } from '@app/database';
import {
  IntegrationSecrets,
  IntegrationStatusRecorder,
  IntegrationsRepository,
  readsMailboxWithOwnToken,
  SmtpCredentialsService,
} from '@app/integrations';
import {
  AuthorizationCodeService,
  ConnectClient,
  ConsentClient,
  createPkcePair,
  OAUTH_STATE_TTL_MS,
  OAuthStateRepository,
  OAuthTokenError,
} from '@app/oauth';
import type { Principal } from '@app/tenancy';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import {
  changedMeanwhilePage,
  connectedPage,
  exchangeFailedPage,
  integrationGonePage,
  invalidStatePage,
  missingCodePage,
  notConnectablePage,
  providerErrorPage,
} from './callback-outcomes';
import { CallbackOutcome } from './callback-page';
import { AuthorizationResponse } from './oauth-authorize.response';
import { allowedReturnUrl } from './return-url';

/** What the provider appended to the redirect URI. */
export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/** OAuthCallbackController's route: the redirect URI, on PUBLIC_BASE_URL, to register with the provider. */
const OAUTH_CALLBACK_PATH = '/v1/oauth2/callback';

/**
 * The "connect" button of an OAuth2 integration: sends the admin to the provider's consent screen
 * with PKCE and a single-use state, then stores the refresh token the callback's code is exchanged for.
 */
@Injectable()
export class OAuthConnectFlowService {
  private readonly logger = new Logger(OAuthConnectFlowService.name);

  constructor(
    private readonly codes: AuthorizationCodeService,
    private readonly states: OAuthStateRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly integrationStatus: IntegrationStatusRecorder,
    private readonly secrets: IntegrationSecrets,
    private readonly credentials: SmtpCredentialsService,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  async authorize(workspaceId: WorkspaceId, principal: Principal, id: string, returnUrl?: string): Promise<AuthorizationResponse> {
    const integration = await this.integrations.findById(workspaceId, id);
    if (!integration) throw new NotFoundException(`Integration ${id} not found`);
    const refusal = this.refusal(integration);
    if (refusal) throw new UnprocessableEntityException([refusal]);

    const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
    const { codeVerifier, codeChallenge } = createPkcePair();
    const state = randomToken(24);
    await this.states.save(state, {
      workspaceId,
      integrationId: integration.id,
      returnUrl,
      codeVerifier,
      actor: this.audit.actorOf(principal),
    });
    const authorizationUrl = this.codes.consentUrl(this.consentClient(integration), {
      redirectUri: this.redirectUri,
      state,
      codeChallenge,
    });
    this.logger.log({ workspaceId, integrationId: integration.id, provider: integration.provider }, 'oauth connect started');
    return { authorizationUrl, redirectUri: this.redirectUri, expiresAt };
  }

  async complete(params: CallbackParams): Promise<CallbackOutcome> {
    // Consumed whatever the outcome: a state is good for exactly one answer from the provider.
    const pending = params.state ? await this.states.consume(params.state) : undefined;
    // Without a state Mailroom issued, anyone could have written the link: nothing in it is shown.
    if (!pending) {
      this.logger.warn('oauth callback with an unknown, used or expired state');
      return invalidStatePage();
    }
    if (params.error) {
      this.logger.log({ integrationId: pending.integrationId, providerError: params.error.slice(0, 100) }, 'oauth consent not given');
      return providerErrorPage(params.error, params.errorDescription, this.redirectUri);
    }
    if (!params.code) return missingCodePage();

    // The state was stored server-side when an authorized admin started the flow: its workspace is trusted.
    const workspaceId = trustedWorkspaceId(pending.workspaceId);
    const integration = await this.integrations.findById(workspaceId, pending.integrationId);
    if (!integration) return integrationGonePage();
    const refusal = this.refusal(integration);
    if (refusal) return notConnectablePage(refusal);

    const log = { workspaceId, integrationId: integration.id, provider: integration.provider };
    let refreshToken: string;
    try {
      const authorization = { code: params.code, codeVerifier: pending.codeVerifier, redirectUri: this.redirectUri };
      ({ refreshToken } = await this.codes.exchangeCode(this.connectClient(integration), authorization));
    } catch (error) {
      if (!(error instanceof OAuthTokenError)) throw error;
      this.logger.warn({ ...log, oauthError: error.code, providerCode: error.providerCode }, 'oauth code exchange failed');
      return exchangeFailedPage(error);
    }
    if (!(await this.store(workspaceId, integration, refreshToken))) {
      this.logger.warn(log, 'oauth refresh token not stored: the integration changed during sign-in');
      return changedMeanwhilePage();
    }
    this.logger.log(log, 'oauth connect completed');
    await this.audit.recordAs(workspaceId, pending.actor, 'integration.connected', `integration:${integration.id}`, {
      name: integration.name,
      provider: integration.provider,
    });
    const location = allowedReturnUrl(pending.returnUrl, this.config.PUBLIC_BASE_URL);
    return location ? { kind: 'redirect', location } : connectedPage(integration);
  }

  /** Where the provider sends the browser back; PUBLIC_BASE_URL, not the address a page was opened at, is what providers must know. */
  get redirectUri(): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`;
  }

  /**
   * credentialsVersion stays as it is: the client did not change, and bumping it would orphan
   * nothing but the old access token, which is dropped explicitly instead.
   */
  private async store(workspaceId: WorkspaceId, integration: IntegrationEntity, refreshToken: string): Promise<boolean> {
    this.secrets.set(integration, 'refreshToken', refreshToken);
    const saved = await this.integrations.saveRefreshToken(
      workspaceId,
      integration.id,
      integration.credentialsVersion,
      integration.refreshTokenEncrypted!,
    );
    if (!saved) return false;
    await this.integrationStatus.record(workspaceId, integration.id, { state: 'untested', lastError: null, hint: null });
    // A token cached from the old grant may belong to another account (or be about to be refused).
    await this.credentials.invalidateAccessToken(integration);
    return true;
  }

  /** Why this integration has no consent screen to go through, or undefined when it has one. */
  private refusal(integration: IntegrationEntity): string | undefined {
    const name = `Integration "${integration.name}"`;
    if (integration.authType !== 'oauth2') {
      const uses = integration.authType === 'basic' ? 'a username and password' : 'no authentication';
      return `${name} uses ${uses}: only OAuth2 integrations with a refresh-token flow (Google, or Microsoft with flow refresh_token) can connect`;
    }
    if (integration.provider === 'microsoft' && integration.flow !== 'refresh_token') {
      return (
        `${name} uses Microsoft client credentials (app-only), which need no consent screen: the app's service principal ` +
        'sends with SMTP.SendAsApp. Connecting is for the delegated flow refresh_token'
      );
    }
    const missing = [
      integration.clientId ? undefined : 'auth.clientId',
      this.secrets.has(integration, 'clientSecret') ? undefined : 'auth.clientSecret',
    ].filter(Boolean);
    if (missing.length > 0) return `${name} has no ${missing.join(' and ')} stored: set it on the integration before connecting`;
    return undefined;
  }

  private consentClient(integration: IntegrationEntity): ConsentClient {
    const clientId = integration.clientId ?? '';
    if (integration.provider === 'google') return { provider: 'google', clientId };
    // Like the refresh itself: without a tenant, a multi-tenant app signs in through `common`.
    return {
      provider: 'microsoft',
      tenantId: integration.tenantId ?? 'common',
      clientId,
      readsMailbox: readsMailboxWithOwnToken(integration),
    };
  }

  private connectClient(integration: IntegrationEntity): ConnectClient {
    return { ...this.consentClient(integration), clientSecret: this.secrets.get(integration, 'clientSecret') ?? '' };
  }
}

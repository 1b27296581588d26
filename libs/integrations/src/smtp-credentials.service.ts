import { Injectable, Logger } from '@nestjs/common';
import type { SmtpAuth } from '@app/smtp';
import { AccessTokenRef, AccessTokenService, OAuthCredentials } from '@app/oauth';
import { trustedWorkspaceId } from '@app/workspace-id';
import { defaultSenderOf } from './default-sender';
import { IntegrationSecrets } from './integration-secrets';
import { readsMailboxWithOwnToken } from './reads-mailbox-with-own-token';
import { IntegrationsRepository } from './integrations.repository';
import type { ReadonlyIntegration } from './shared-integration';

/**
 * Turns a stored integration into what an SMTP session needs: a username and password, or an
 * XOAUTH2 user with a way to get the deployment-wide cached access token. Rotated refresh
 * tokens are saved the moment the provider issues them.
 */
@Injectable()
export class SmtpCredentialsService {
  private readonly logger = new Logger(SmtpCredentialsService.name);

  constructor(
    private readonly secrets: IntegrationSecrets,
    private readonly integrations: IntegrationsRepository,
    private readonly accessTokens: AccessTokenService,
  ) {}

  auth(integration: ReadonlyIntegration): SmtpAuth {
    switch (integration.authType) {
      case 'none':
        return { type: 'none' };
      case 'basic':
        return { type: 'basic', username: integration.username ?? '', password: this.secrets.get(integration, 'password') ?? '' };
      case 'oauth2':
        return { type: 'xoauth2', username: this.mailbox(integration), getAccessToken: () => this.accessToken(integration) };
    }
  }

  /** XOAUTH2 authenticates as the mailbox: the configured one, else the default sender. */
  mailbox(integration: ReadonlyIntegration): string {
    return integration.username ?? defaultSenderOf(integration)?.email ?? '';
  }

  accessToken(integration: ReadonlyIntegration): Promise<string> {
    return this.accessTokens.getAccessToken(this.tokenRef(integration), this.oauthCredentials(integration), (rotated) =>
      this.saveRefreshToken(integration, rotated),
    );
  }

  /** After the server refused a token (535): the next caller fetches a fresh one. */
  invalidateAccessToken(integration: ReadonlyIntegration, refusedToken?: string): Promise<void> {
    return this.accessTokens.invalidate(this.tokenRef(integration), refusedToken);
  }

  /** Stores the rotated token; the integration given (often the shared cached copy) is left as it is. */
  async saveRefreshToken(integration: ReadonlyIntegration, refreshToken: string): Promise<void> {
    const saved = await this.integrations.saveRefreshToken(
      trustedWorkspaceId(integration.workspaceId),
      integration.id,
      integration.credentialsVersion,
      this.secrets.encrypt(integration, 'refreshToken', refreshToken),
    );
    if (!saved) this.logger.warn({ integrationId: integration.id }, 'rotated refresh token not saved: the integration changed meanwhile');
  }

  private tokenRef(integration: ReadonlyIntegration): AccessTokenRef {
    return { integrationId: integration.id, credentialsVersion: integration.credentialsVersion };
  }

  private oauthCredentials(integration: ReadonlyIntegration): OAuthCredentials {
    const clientId = integration.clientId ?? '';
    const clientSecret = this.secrets.get(integration, 'clientSecret') ?? '';
    if (integration.provider === 'google') {
      return { provider: 'google', flow: 'refresh_token', clientId, clientSecret, refreshToken: this.refreshToken(integration) };
    }
    if (integration.flow === 'client_credentials') {
      return { provider: 'microsoft', flow: 'client_credentials', tenantId: integration.tenantId ?? '', clientId, clientSecret };
    }
    return {
      provider: 'microsoft',
      flow: 'refresh_token',
      tenantId: integration.tenantId ?? 'common',
      clientId,
      clientSecret,
      refreshToken: this.refreshToken(integration),
      readsMailbox: readsMailboxWithOwnToken(integration),
    };
  }

  private refreshToken(integration: ReadonlyIntegration): string {
    return this.secrets.get(integration, 'refreshToken') ?? '';
  }
}

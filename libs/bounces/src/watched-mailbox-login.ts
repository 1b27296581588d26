import { Injectable } from '@nestjs/common';
import { IntegrationSecrets, ReadonlyIntegration, SmtpCredentialsService } from '@app/integrations';
import type { ImapSessionSettings } from './imap-session';

/**
 * Where and how to log in to an integration's watched mailbox. With `auth: same` it is the
 * integration's own login: its password, or an access token from the same deployment-wide cache
 * the SMTP sessions use (Microsoft's app-only `.default` token and Google's `https://mail.google.com/`
 * cover IMAP as well as SMTP; a delegated Microsoft consent must include IMAP.AccessAsUser.All).
 */
@Injectable()
export class WatchedMailboxLogin {
  constructor(
    private readonly secrets: IntegrationSecrets,
    private readonly credentials: SmtpCredentialsService,
  ) {}

  settings(integration: ReadonlyIntegration): ImapSessionSettings {
    return {
      host: integration.bouncesHost ?? '',
      port: integration.bouncesPort ?? 993,
      security: integration.bouncesSecurity ?? 'tls',
      allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
      login: this.login(integration),
    };
  }

  private login(integration: ReadonlyIntegration): ImapSessionSettings['login'] {
    if (integration.bouncesAuthType === 'basic') {
      return { user: integration.bouncesUsername ?? '', password: this.secrets.get(integration, 'bouncesPassword') ?? '' };
    }
    if (integration.authType === 'oauth2') {
      return { user: this.credentials.mailbox(integration), getAccessToken: () => this.credentials.accessToken(integration) };
    }
    return { user: integration.username ?? '', password: this.secrets.get(integration, 'password') ?? '' };
  }
}

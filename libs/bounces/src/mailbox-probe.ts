import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '@app/config';
import type { ReadonlyIntegration } from '@app/integrations';
import { describeImapFailure } from './imap-failure';
import { openImapSession } from './imap-session';
import { WatchedMailboxLogin } from './watched-mailbox-login';

/** The `imap` step of an integration test: connect, log in and open the watched folder. */
export interface MailboxProbeStep {
  name: 'imap';
  ok: boolean;
  ms: number;
  detail: string;
  hint: string | null;
  /** The login was refused (a token without the IMAP scope, a wrong password). */
  authentication: boolean;
}

/**
 * Tries the watched mailbox the way the worker's watcher will: the same login, host guard and TLS
 * rules. Looks only (EXAMINE): nothing in the mailbox changes, not even a \Seen flag.
 */
@Injectable()
export class MailboxProbe {
  constructor(
    private readonly config: AppConfig,
    private readonly login: WatchedMailboxLogin,
  ) {}

  async probe(integration: ReadonlyIntegration, timeoutMs: number): Promise<MailboxProbeStep> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const settings = this.login.settings(integration);
    const secrets = 'password' in settings.login ? [settings.login.password] : [];
    try {
      const client = await openImapSession(settings, { allowPrivateHosts: this.config.SMTP_ALLOW_PRIVATE_HOSTS, timeoutMs });
      try {
        const folder = await Promise.race([
          client.mailboxOpen(integration.bouncesFolder.split('/'), { readOnly: true }),
          new Promise<never>((_, reject) => {
            setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms to opening the folder`)), timeoutMs).unref();
          }),
        ]);
        const detail =
          `logged in to ${settings.host}:${settings.port} as ${settings.login.user}; ` +
          `${folder.path} holds ${folder.exists} message${folder.exists === 1 ? '' : 's'}`;
        return { name: 'imap', ok: true, ms: ms(), detail, hint: null, authentication: false };
      } finally {
        await client.logout().catch(() => client.close());
      }
    } catch (error) {
      const failure = describeImapFailure(error, integration, secrets);
      return { name: 'imap', ok: false, ms: ms(), detail: failure.message, hint: failure.hint, authentication: failure.authentication };
    }
  }
}

import { Logger } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import { AppConfig } from '@app/config';
import { WatchedMailboxesRepository, describeImapFailure, MailboxFolderReader, openImapSession, WatchedMailboxLogin } from '@app/bounces';
import { IntegrationsRepository } from '@app/integrations';
import { trustedWorkspaceId } from '@app/workspace-id';

const FIRST_RECONNECT_MS = 1000;
const SESSION_TIMEOUT_MS = 30_000;

export interface MailboxWatchDependencies {
  config: AppConfig;
  integrations: IntegrationsRepository;
  login: WatchedMailboxLogin;
  reader: MailboxFolderReader;
  status: WatchedMailboxesRepository;
}

/**
 * One watched mailbox, held by this worker: log in, read what is new, then wait for IMAP IDLE to
 * tell of new mail (or the poll interval, for servers without IDLE), and read again; on any
 * failure record it as the mailbox's status and reconnect after a wait that doubles up to
 * BOUNCE_RECONNECT_MAX_MS. Settings are loaded afresh at each connection, so an edit applies at
 * the next one (the watchers restart a watch whose settings changed).
 */
export class MailboxWatch {
  private readonly logger = new Logger(MailboxWatch.name);
  private readonly stopping = new AbortController();
  private client: ImapFlow | undefined;
  private readonly done: Promise<void>;

  constructor(
    readonly integrationId: string,
    private readonly workspaceId: string,
    private readonly deps: MailboxWatchDependencies,
  ) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.client?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    let wait = FIRST_RECONNECT_MS;
    while (!this.stopping.signal.aborted) {
      const integration = await this.deps.integrations.findById(trustedWorkspaceId(this.workspaceId), this.integrationId).catch(() => null);
      if (!integration?.bouncesEnabled) return;
      const settings = this.deps.login.settings(integration);
      const secrets = 'password' in settings.login ? [settings.login.password] : [];
      try {
        const client = (this.client = await openImapSession(settings, {
          allowPrivateHosts: this.deps.config.SMTP_ALLOW_PRIVATE_HOSTS,
          timeoutMs: SESSION_TIMEOUT_MS,
        }));
        const lock = await client.getMailboxLock(integration.bouncesFolder.split('/'));
        try {
          await this.deps.reader.readNew(client, integration);
          await this.deps.status.record(this.integrationId, { state: 'ok', lastError: null, hint: null });
          wait = FIRST_RECONNECT_MS;
          while (!this.stopping.signal.aborted && client.usable) {
            await this.newsOrPoll(client);
            if (this.stopping.signal.aborted || !client.usable) break;
            await this.deps.reader.readNew(client, integration);
          }
        } finally {
          lock.release();
        }
        if (!this.stopping.signal.aborted) throw new Error('the IMAP server closed the connection');
        await client.logout().catch(() => undefined);
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        const failure = describeImapFailure(error, integration, secrets);
        this.logger.warn({ integrationId: this.integrationId, error: failure.message }, 'watched mailbox failed');
        await this.deps.status
          .record(this.integrationId, { state: 'failing', lastError: failure.message, hint: failure.hint })
          .catch(() => undefined);
        this.client?.close();
        await this.pause(wait);
        wait = Math.min(wait * 2, this.deps.config.BOUNCE_RECONNECT_MAX_MS);
      }
    }
  }

  /** Until the server tells of new mail, the poll interval passes, the connection closes or the watch stops. */
  private newsOrPoll(client: ImapFlow): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        client.off('exists', finish);
        client.off('close', finish);
        this.stopping.signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, this.deps.config.BOUNCE_POLL_INTERVAL_MS);
      client.on('exists', finish);
      client.on('close', finish);
      this.stopping.signal.addEventListener('abort', finish);
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.stopping.signal.addEventListener('abort', done, { once: true });
    });
  }
}

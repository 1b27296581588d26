import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { WatchedMailboxesRepository, MailboxFolderReader, MailboxLeases, WatchedMailboxLogin } from '@app/bounces';
import { IntegrationsRepository } from '@app/integrations';
import { MailboxWatch, MailboxWatchDependencies } from './mailbox-watch';

/**
 * The watched mailboxes this worker holds. Every third of BOUNCE_LEASE_MS it renews its holds,
 * lets go of mailboxes whose bounce processing was turned off or whose hold it lost, and takes
 * free ones, so each mailbox has one connection across all workers and a dead worker's
 * mailboxes move to the others. A watch whose integration changed is restarted with the new settings.
 */
@Injectable()
export class MailboxWatchers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxWatchers.name);
  private readonly holder = randomUUID();
  private readonly watches = new Map<string, { watch: MailboxWatch; version: string }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<void> = Promise.resolve();
  private readonly deps: MailboxWatchDependencies;

  constructor(
    private readonly config: AppConfig,
    private readonly leases: MailboxLeases,
    private readonly status: WatchedMailboxesRepository,
    integrations: IntegrationsRepository,
    login: WatchedMailboxLogin,
    reader: MailboxFolderReader,
  ) {
    this.deps = { config, integrations, login, reader, status };
  }

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await Promise.all([...this.watches.keys()].map((id) => this.letGo(id)));
  }

  private tick(): void {
    this.round = this.rebalance().catch((error: unknown) => this.logger.warn({ err: error }, 'could not share out the watched mailboxes'));
    void this.round.then(() => {
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), Math.max(100, Math.floor(this.config.BOUNCE_LEASE_MS / 3)));
    });
  }

  private async rebalance(): Promise<void> {
    const watched = new Map((await this.status.watched()).map((row) => [row.id, row]));
    for (const [id, held] of this.watches) {
      const row = watched.get(id);
      if (!row || row.version !== held.version || !(await this.leases.renew(id, this.holder))) await this.letGo(id);
    }
    for (const row of watched.values()) {
      if (this.watches.has(row.id) || !(await this.leases.take(row.id, this.holder))) continue;
      this.watches.set(row.id, { watch: new MailboxWatch(row.id, row.workspaceId, this.deps), version: row.version });
    }
  }

  private async letGo(id: string): Promise<void> {
    const held = this.watches.get(id);
    this.watches.delete(id);
    await held?.watch.stop();
    await this.leases.release(id, this.holder);
  }
}

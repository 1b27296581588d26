import { Injectable, Logger } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import type { ReadonlyIntegration } from '@app/integrations';
import { MailboxCursors } from './mailbox-cursors';
import { MailboxReportIntake } from './mailbox-report-intake';
import { MAX_MAILBOX_REPORT_BYTES } from './report-limits';

/** Marks a report Mailroom processed, besides \Seen, for whoever looks at the processed folder. */
export const PROCESSED_KEYWORD = '$MailroomProcessed';

/**
 * Reads what arrived in a watched folder since the last look (by UID, so messages left in place
 * are read once) and moves each processed report, flagged, to the processed folder, which is
 * created when missing. Nothing is ever deleted, and nothing that is not a processed report is
 * touched, not even its \Seen flag (the source is fetched with BODY.PEEK).
 */
@Injectable()
export class MailboxFolderReader {
  private readonly logger = new Logger(MailboxFolderReader.name);

  constructor(
    private readonly cursors: MailboxCursors,
    private readonly intake: MailboxReportIntake,
  ) {}

  /** `client` has the watched folder open. Answers how many reports were recorded. */
  async readNew(client: ImapFlow, integration: ReadonlyIntegration): Promise<number> {
    const folder = integration.bouncesFolder;
    // What the server says of the folder now (a server without IDLE tells only when asked).
    await client.noop();
    const opened = client.mailbox;
    if (!opened || opened.exists === 0) return 0;
    const uidValidity = opened.uidValidity.toString();
    const cursor = await this.cursors.get(integration.id, folder);
    const from = cursor?.uidValidity === uidValidity ? cursor.lastUid + 1 : 1;

    // `from:*` also answers the last message when nothing is newer than `from`: hence the filter.
    const arrived: Array<{ uid: number; size: number }> = [];
    for await (const message of client.fetch(`${from}:*`, { uid: true, size: true }, { uid: true })) {
      if (message.uid >= from) arrived.push({ uid: message.uid, size: message.size ?? 0 });
    }
    let recorded = 0;
    let processedPath: string | undefined;
    for (const { uid, size } of arrived.sort((a, b) => a.uid - b.uid)) {
      // Larger ones are not reports; they are not even fetched.
      if (size <= MAX_MAILBOX_REPORT_BYTES) {
        const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const outcome = fetched && fetched.source ? await this.intake.take(integration, fetched.source) : 'not_a_report';
        if (outcome === 'recorded' || outcome === 'duplicate') {
          processedPath ??= await this.processedFolder(client, integration.bouncesProcessedFolder);
          await client.messageFlagsAdd(String(uid), ['\\Seen', PROCESSED_KEYWORD], { uid: true });
          await client.messageMove(String(uid), processedPath, { uid: true });
          if (outcome === 'recorded') recorded += 1;
        }
      }
      await this.cursors.set(integration.id, folder, { uidValidity, lastUid: uid });
    }
    if (recorded > 0) this.logger.log({ integrationId: integration.id, recorded }, 'bounce reports recorded');
    return recorded;
  }

  /** The processed folder's path in the server's own hierarchy delimiter; "/" separates levels in the setting. */
  private async processedFolder(client: ImapFlow, setting: string): Promise<string> {
    const created = await client.mailboxCreate(setting.split('/'));
    return created.path;
  }
}

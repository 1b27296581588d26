import { Injectable, Logger } from '@nestjs/common';
import { ProcessedReportsRetentionRepository } from '@app/bounces';
import { AttachmentsRepository, MessageCursor, MessageRetentionRepository } from '@app/messages';
import { WebhookRetentionRepository } from '@app/webhooks';
import { WorkspaceRetention, WorkspacesRepository } from '@app/workspaces';

const DAY_MS = 24 * 60 * 60_000;
// Messages per statement: each statement is a short transaction of its own, whatever the backlog.
export const PURGE_BATCH = 1000;
// A send stores its files just before it links them; a file this recently used is never purged.
const FILE_GRACE_MS = 60 * 60_000;

export interface PurgeSummary {
  /** Messages whose bodies were purged (or reached again after an interrupted run). */
  bodies: number;
  messages: number;
  files: number;
  /** Webhook events, with their deliveries and attempts. */
  webhookEvents: number;
  /** Processed mailbox reports (bounce processing) forgotten. */
  reports: number;
}

const nothing = (): PurgeSummary => ({ bodies: 0, messages: 0, files: 0, webhookEvents: 0, reports: 0 });

/** Runs `batch` until it deletes fewer than a full batch; answers how many in all. */
async function untilDone(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await batch();
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
  }
}

/**
 * Removes what each workspace's retention no longer keeps: message bodies (html, text,
 * attachment links, tracked links) after `retention.bodiesDays`, whole messages with their events
 * after `retention.metadataDays` (and webhook events and processed mailbox reports as old), and
 * files no message links to any more. Run daily by the worker
 * (RETENTION_PURGE_INTERVAL_MS); each workspace's bodies are walked from where the last run ended,
 * so a day's run reads a day's messages, not the whole history again.
 */
@Injectable()
export class RetentionPurge {
  private readonly logger = new Logger(RetentionPurge.name);

  constructor(
    private readonly workspaces: WorkspacesRepository,
    private readonly retention: MessageRetentionRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly webhookEvents: WebhookRetentionRepository,
    private readonly reports: ProcessedReportsRetentionRepository,
  ) {}

  async purge(now = new Date()): Promise<PurgeSummary> {
    const total = nothing();
    for (const workspace of await this.workspaces.retentionOfAll()) {
      const done = await this.purgeWorkspace(workspace, now);
      for (const key of Object.keys(total) as Array<keyof PurgeSummary>) total[key] += done[key];
    }
    if (Object.values(total).some((count) => count > 0)) this.logger.log(total, 'retention purge done');
    return total;
  }

  private async purgeWorkspace(workspace: WorkspaceRetention, now: Date): Promise<PurgeSummary> {
    const { workspaceId } = workspace;
    const unusedSince = new Date(now.getTime() - FILE_GRACE_MS);
    const bodiesBefore = new Date(now.getTime() - workspace.bodiesDays * DAY_MS);
    const done = nothing();

    // Messages first: their bodies need no purging of their own.
    const messagesBefore = new Date(now.getTime() - workspace.metadataDays * DAY_MS);
    for (;;) {
      const batch = await this.retention.purgeMessages(workspaceId, messagesBefore, PURGE_BATCH);
      done.messages += batch.deleted;
      done.files += await this.attachments.dropUnlinked(workspaceId, batch.files, unusedSince);
      if (batch.deleted < PURGE_BATCH) break;
    }

    done.webhookEvents = await untilDone(() => this.webhookEvents.purgeEvents(workspaceId, messagesBefore, PURGE_BATCH));
    done.reports = await untilDone(() => this.reports.purge(workspaceId, messagesBefore, PURGE_BATCH));

    // Bodies kept longer than before (bodiesDays raised) were purged already: nothing to walk.
    if (!workspace.bodiesPurgedBefore || workspace.bodiesPurgedBefore < bodiesBefore) {
      let cursor: MessageCursor | null = null;
      for (;;) {
        const batch = await this.retention.purgeBodies(
          workspaceId,
          { from: workspace.bodiesPurgedBefore, before: bodiesBefore },
          cursor,
          PURGE_BATCH,
        );
        done.bodies += batch.reached;
        done.files += await this.attachments.dropUnlinked(workspaceId, batch.files, unusedSince);
        cursor = batch.cursor;
        if (batch.reached < PURGE_BATCH) break;
      }
      await this.workspaces.markBodiesPurged(workspaceId, bodiesBefore, workspace.bodiesPurgedBefore);
    }

    done.files += await untilDone(() => this.attachments.dropOrphans(workspaceId, unusedSince, PURGE_BATCH));
    return done;
  }
}

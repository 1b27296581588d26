import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BroadcastEntity, TransactionRunner } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { BroadcastMessageTemplate, BroadcastRecipient, MessagesRepository } from '@app/messages';
import { BroadcastMember, BroadcastsRepository, BroadcastTransitions, ListMembershipsRepository, ListsRepository } from '@app/marketing';
import { DeliveryProducer, JobName, JobPayloads } from '@app/queue';
import { CompiledMailTemplates, contactDisplayName, contactTemplateContext, renderMailTemplates, TemplateError } from '@app/templating';
import { WorkspaceId } from '@app/workspace-id';
import { TrackingLinks } from '@app/tracking';
import { WorkspacesRepository } from '@app/workspaces';
import { BroadcastSnapshots } from './broadcast-snapshots';

const PAGE_SIZE = 5000;

type UnsubscribeLinks = (messageId: string) => (kind: 'unsubscribe') => string;

/**
 * Turns a broadcast into one marketing message per subscribed member, a page at a time: keyset
 * pagination by contact id (never the whole list in memory), one multi-row insert per page in
 * the same transaction as the cursor, then `addBulk` onto the marketing queue. It re-reads the
 * broadcast before each page, so a pause or cancel stops it at the next page, and a resume (or
 * a restarted worker) carries on after the last contact reached.
 */
@Injectable()
export class BroadcastFanOut {
  private readonly logger = new Logger(BroadcastFanOut.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly workspaces: WorkspacesRepository,
    private readonly broadcasts: BroadcastsRepository,
    private readonly transitions: BroadcastTransitions,
    private readonly lists: ListsRepository,
    private readonly memberships: ListMembershipsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly messages: MessagesRepository,
    private readonly producer: DeliveryProducer,
    private readonly trackingLinks: TrackingLinks,
    private readonly snapshots: BroadcastSnapshots,
  ) {}

  async fanOut({ workspaceId, broadcastId }: JobPayloads[JobName.FanOutBroadcast]): Promise<void> {
    const broadcast = await this.start(workspaceId, broadcastId);
    if (!broadcast) return;
    // A template that cannot be used (a file tag in a draft stored before those were refused, a
    // render limit reached) fails the broadcast rather than the job: a retry would fail the same way.
    await this.fanOutPages(workspaceId, broadcast).catch((error: unknown) => {
      if (error instanceof TemplateError) return this.fail(workspaceId, broadcast.id, error);
      throw error;
    });
  }

  private async fanOutPages(workspaceId: WorkspaceId, broadcast: BroadcastEntity): Promise<void> {
    const broadcastId = broadcast.id;
    const integration = await this.integrations.findByUsage(workspaceId, 'marketing');
    if (!integration) {
      await this.transitions.move(workspaceId, broadcastId, ['sending'], 'paused', 'broadcast.paused');
      this.logger.warn({ broadcastId }, 'broadcast paused: no integration serves marketing mail');
      return;
    }
    const workspace = await this.workspaces.get(workspaceId);
    const { templates } = await this.snapshots.get(workspaceId, broadcastId);
    if (!templates) return;
    const links = await this.trackingLinks.forWorkspace(workspaceId);

    const subjectOnly = { ...templates, html: null, text: null };
    const template: BroadcastMessageTemplate = {
      broadcastId,
      listId: broadcast.listId,
      integrationId: integration.id,
      fromEmail: broadcast.fromEmail!,
      fromName: broadcast.fromName,
      trackingOpens: workspace.trackingOpens,
      trackingClicks: workspace.trackingClicks,
    };

    // Three stages overlap: while a page is inserted, the next one is read and its subjects are
    // rendered, and the previous page's jobs are enqueued (Postgres, Node and Redis at once).
    // At most one of each is in flight, so memory holds about two pages.
    const prepare = (after: string | null) =>
      this.memberships.subscribedPage(workspaceId, broadcast.listId, after, PAGE_SIZE).then((members) => {
        // Bodies are rendered at delivery; one of them rendered per page here fails a body that
        // breaks a limit before its messages are made, not once per message at delivery.
        if (members[0])
          renderMailTemplates(
            templates,
            contactTemplateContext(members[0], () => links(randomUUID())('unsubscribe')),
          );
        return {
          members,
          recipients: members.filter((member) => !member.suppressed).map((member) => this.recipient(broadcast, member, subjectOnly, links)),
        };
      });
    let status = broadcast.status;
    let next = prepare(broadcast.fanoutCursor);
    let enqueuing: Promise<void> = Promise.resolve();
    try {
      while (status === 'sending') {
        const { members, recipients } = await next;
        if (members.length === 0) {
          await this.broadcasts.markFannedOut(workspaceId, broadcastId);
          return;
        }
        const last = members.at(-1)!.id;
        next = prepare(last);
        // Read ahead: if the loop stops (a pause), nobody awaits it, and its failure must not crash the process.
        next.catch(() => undefined);
        status = await this.transactions.run(async (manager) => {
          await this.messages.insertBroadcastRecipients(workspaceId, template, recipients, manager);
          const page = { cursor: last, recipients: recipients.length, skipped: members.length - recipients.length };
          return this.broadcasts.advanceFanOut(workspaceId, broadcastId, page, manager);
        });
        await enqueuing;
        enqueuing = this.producer
          .enqueueBroadcastRecipients(
            { workspaceId, broadcastId, integrationId: integration.id },
            recipients.map((recipient) => recipient.id),
          )
          .catch((error: unknown) =>
            this.logger.warn({ err: error, broadcastId }, 'enqueue failed; the outbox reconciler will enqueue this page'),
          );
      }
    } finally {
      await enqueuing;
    }
  }

  /** Stops the broadcast for good with the reason; what it made and did not send yet is dropped. */
  private async fail(workspaceId: WorkspaceId, broadcastId: string, error: TemplateError): Promise<void> {
    await this.broadcasts.transition(workspaceId, broadcastId, ['sending'], 'failed', {
      failureReason: error.message,
      finishedAt: new Date(),
    });
    await this.broadcasts.dropUnsent(
      workspaceId,
      broadcastId,
      'broadcast_failed',
      `The broadcast failed before this message was sent: ${error.message}`,
    );
    this.logger.warn({ broadcastId, field: error.field, reason: error.message }, 'broadcast failed: its template cannot be rendered');
  }

  /** Moves a scheduled broadcast whose time has come to sending, and counts skipped members once. */
  private async start(workspaceId: WorkspaceId, broadcastId: string): Promise<BroadcastEntity | null> {
    const broadcast = await this.broadcasts.findById(workspaceId, broadcastId);
    if (!broadcast) return null;
    if (broadcast.status === 'scheduled') {
      await this.broadcasts.transition(workspaceId, broadcastId, ['scheduled'], 'sending');
    } else if (broadcast.status !== 'sending' || broadcast.fanoutDone) {
      return null;
    }
    if (!broadcast.startedAt) {
      const counts = await this.lists.counts(workspaceId, [broadcast.listId]);
      const unsubscribed = counts.get(broadcast.listId)?.unsubscribed ?? 0;
      await this.transitions.move(workspaceId, broadcastId, ['sending'], 'sending', 'broadcast.started', {
        startedAt: new Date(),
        skipped: unsubscribed,
      });
    }
    return this.broadcasts.findById(workspaceId, broadcastId);
  }

  /** The subject is rendered now (it is shown in the message list); bodies are rendered at delivery. */
  private recipient(
    broadcast: BroadcastEntity,
    member: BroadcastMember,
    subjectOnly: CompiledMailTemplates,
    links: UnsubscribeLinks,
  ): BroadcastRecipient {
    const id = randomUUID();
    const { subject } = renderMailTemplates(
      subjectOnly,
      contactTemplateContext(member, () => links(id)('unsubscribe')),
    );
    const name = contactDisplayName(member);
    // Lower-case like every address Mailroom stores, so `?to=` finds broadcast mail too.
    const email = member.email.toLowerCase();
    return { id, contactId: member.id, to: name ? { email, name } : { email }, subject: subject || broadcast.name };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BroadcastEntity, IntegrationEntity, WorkspaceEntity } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { BroadcastsRepository, MessagesRepository, NewMessage } from '@app/messages';
import { DeliveryProducer, JobName, JobPayloads } from '@app/queue';
import { CompiledMailTemplates, renderMailTemplates } from '@app/templating';
import { trustedWorkspaceId, WorkspaceId } from '@app/tenancy';
import { TrackingLinks } from '../delivery/tracking-links';
import { BroadcastSnapshots } from './broadcast-snapshots';
import { broadcastTemplateContext, displayName, TemplateContact } from './broadcast-template-context';

const PAGE_SIZE = 1000;

interface Member extends TemplateContact {
  id: string;
  suppressed: boolean;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly messages: MessagesRepository,
    private readonly producer: DeliveryProducer,
    private readonly trackingLinks: TrackingLinks,
    private readonly snapshots: BroadcastSnapshots,
  ) {}

  async fanOut({ workspaceId: id, broadcastId }: JobPayloads[JobName.FanOutBroadcast]): Promise<void> {
    const workspaceId = trustedWorkspaceId(id);
    let broadcast = await this.start(workspaceId, broadcastId);
    if (!broadcast) return;
    const integration = await this.integrations.findByUsage(workspaceId, 'marketing');
    if (!integration) {
      await this.broadcasts.transition(workspaceId, broadcastId, ['sending'], 'paused');
      this.logger.warn({ broadcastId }, 'broadcast paused: no integration serves marketing mail');
      return;
    }
    const workspace = await this.dataSource.getRepository(WorkspaceEntity).findOneByOrFail({ id: workspaceId });
    const { templates } = await this.snapshots.get(workspaceId, broadcastId);
    if (!templates) return;
    const links = await this.trackingLinks.forWorkspace(workspaceId);

    // A page's jobs are enqueued while the next page is read and inserted (Redis and Postgres work
    // in parallel); the previous enqueue is awaited before starting another, so at most one runs.
    let enqueuing: Promise<void> = Promise.resolve();
    try {
      while (broadcast && broadcast.status === 'sending' && !broadcast.fanoutDone) {
        const members = await this.page(workspaceId, broadcast);
        if (members.length === 0) {
          await this.broadcasts.markFannedOut(workspaceId, broadcastId);
          return;
        }
        const rows = members
          .filter((member) => !member.suppressed)
          .map((member) => this.message(broadcast!, integration, workspace, member, templates, links));
        await this.dataSource.transaction(async (manager) => {
          await this.messages.insertMany(workspaceId, rows, manager);
          await this.broadcasts.advanceFanOut(manager, broadcastId, members.at(-1)!.id, rows.length, members.length - rows.length);
        });
        await enqueuing;
        enqueuing = this.producer
          .enqueue(rows.map((row) => ({ workspaceId, messageId: row.id, type: 'marketing' as const })))
          .catch((error: unknown) => this.logger.warn({ err: error, broadcastId }, 'enqueue failed; the outbox reconciler will enqueue this page'));
        broadcast = await this.broadcasts.findById(workspaceId, broadcastId);
      }
    } finally {
      await enqueuing;
    }
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
      const [{ unsubscribed }] = (await this.dataSource.query(
        `SELECT count(*)::int AS unsubscribed FROM "public"."list_memberships" WHERE workspace_id = $1 AND list_id = $2 AND status = 'unsubscribed'`,
        [workspaceId, broadcast.listId],
      )) as [{ unsubscribed: number }];
      await this.broadcasts.transition(workspaceId, broadcastId, ['sending'], 'sending', { startedAt: new Date(), skipped: unsubscribed });
    }
    return this.broadcasts.findById(workspaceId, broadcastId);
  }

  private async page(workspaceId: WorkspaceId, broadcast: BroadcastEntity): Promise<Member[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.email, c.first_name, c.last_name, c.attributes,
              EXISTS (SELECT 1 FROM "public"."suppressions" s
                      WHERE s.workspace_id = m.workspace_id AND lower(s.email) = lower(c.email)
                        AND (s.list_id IS NULL OR s.list_id = m.list_id)) AS suppressed
       FROM "public"."list_memberships" m
       JOIN "public"."contacts" c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
       WHERE m.workspace_id = $1 AND m.list_id = $2 AND m.status = 'subscribed'
         AND m.contact_id > COALESCE($3::uuid, '00000000-0000-0000-0000-000000000000')
         -- The same bound on the contacts side lets the join start at the cursor instead of
         -- reading every earlier contact again on each page.
         AND c.id > COALESCE($3::uuid, '00000000-0000-0000-0000-000000000000')
       ORDER BY m.contact_id
       LIMIT $4`,
      [workspaceId, broadcast.listId, broadcast.fanoutCursor, PAGE_SIZE],
    )) as Array<{ id: string; email: string; first_name: string | null; last_name: string | null; attributes: Record<string, unknown>; suppressed: boolean }>;
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      attributes: row.attributes,
      suppressed: row.suppressed,
    }));
  }

  /** The subject is rendered now (it is shown in the message list); bodies are rendered at delivery. */
  private message(
    broadcast: BroadcastEntity,
    integration: IntegrationEntity,
    workspace: WorkspaceEntity,
    member: Member,
    templates: CompiledMailTemplates,
    links: (messageId: string) => (kind: 'unsubscribe') => string,
  ): NewMessage {
    const id = randomUUID();
    const subjectOnly = { ...templates, html: null, text: null };
    const { subject } = renderMailTemplates(subjectOnly, broadcastTemplateContext(member, links(id)('unsubscribe')));
    const name = displayName(member);
    return {
      id,
      integrationId: integration.id,
      type: 'marketing',
      fromEmail: broadcast.fromEmail!,
      fromName: broadcast.fromName,
      to: [name ? { email: member.email, name } : { email: member.email }],
      cc: [],
      bcc: [],
      replyTo: null,
      subject: subject || broadcast.name,
      html: null,
      text: null,
      headers: {},
      trackingOpens: workspace.trackingOpens,
      trackingClicks: workspace.trackingClicks,
      tags: [],
      metadata: { broadcastId: broadcast.id },
      idempotencyKey: null,
      idempotencyFingerprint: null,
      messageIdHeader: `<${id}@${broadcast.fromEmail!.split('@')[1]}>`,
      listId: broadcast.listId,
      broadcastId: broadcast.id,
      contactId: member.id,
    };
  }
}

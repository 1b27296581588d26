import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditLog } from '@app/audit';
import { BroadcastEntity, BroadcastStatus } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { BroadcastsRepository, BroadcastTransitions, ListsRepository } from '@app/marketing';
import { BroadcastProducer } from '@app/queue';
import type { BroadcastWebhookType } from '@app/webhooks';
import { TemplatesRepository } from '@app/templates';
import type { MailSource } from '@app/templating';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { resolveSender, toMailbox } from '../messages/message-draft';
import type { MailboxInput } from '../messages/message.dto';
import { assertParsable } from '../templates/parsable-content';
import { DraftSource, draftSource, sourceColumns, templateContent } from './broadcast-template';
import { CreateBroadcastDto, UpdateBroadcastDto } from './broadcast.dto';
import { BroadcastResponse } from './broadcast.response';
import { requireMarketingIntegration } from './marketing-integration';

@Injectable()
export class BroadcastsService {
  constructor(
    private readonly broadcasts: BroadcastsRepository,
    private readonly transitions: BroadcastTransitions,
    private readonly integrations: IntegrationsRepository,
    private readonly producer: BroadcastProducer,
    private readonly lists: ListsRepository,
    private readonly audit: AuditLog,
    private readonly templates: TemplatesRepository,
  ) {}

  async create(workspaceId: WorkspaceId, dto: CreateBroadcastDto): Promise<BroadcastResponse> {
    const source = draftSource(dto);
    const content = await this.contentOf(workspaceId, source);
    await this.checkDraft(workspaceId, { ...content, listId: dto.listId, from: dto.from });
    const from = dto.from === undefined ? null : toMailbox(dto.from);
    const broadcast = Object.assign(new BroadcastEntity(), {
      id: randomUUID(),
      name: dto.name,
      listId: dto.listId,
      fromEmail: from?.email ?? null,
      fromName: from?.name ?? null,
      ...content,
      ...sourceColumns(source),
      status: 'draft' as const,
      scheduledAt: dto.scheduledAt ? new Date(dto.scheduledAt) : null,
    });
    return this.view(workspaceId, await this.broadcasts.save(workspaceId, broadcast));
  }

  /** A draft only: once sent, what went out and what the worker renders must stay the same. */
  async update(workspaceId: WorkspaceId, id: string, dto: UpdateBroadcastDto): Promise<BroadcastResponse> {
    const broadcast = await this.find(workspaceId, id);
    if (broadcast.status !== 'draft') throw this.refused(broadcast, 'change', ['draft']);
    const source = draftSource(dto, broadcast);
    const content = await this.contentOf(workspaceId, source);
    const listId = dto.listId ?? broadcast.listId;
    await this.checkDraft(workspaceId, { ...content, listId, from: dto.from ?? undefined });
    const from = dto.from === undefined ? undefined : dto.from === null ? null : toMailbox(dto.from);
    const changes: Partial<BroadcastEntity> = {
      ...content,
      ...sourceColumns(source),
      name: dto.name ?? broadcast.name,
      listId,
      ...(from !== undefined && { fromEmail: from?.email ?? null, fromName: from?.name ?? null }),
      ...(dto.scheduledAt !== undefined && { scheduledAt: dto.scheduledAt === null ? null : new Date(dto.scheduledAt) }),
    };
    if (!(await this.broadcasts.transition(workspaceId, id, ['draft'], 'draft', changes))) {
      throw new ConflictException('The broadcast changed meanwhile; reload it');
    }
    return this.get(workspaceId, id);
  }

  async list(workspaceId: WorkspaceId): Promise<BroadcastResponse[]> {
    const rows = await this.broadcasts.list(workspaceId, 100);
    return Promise.all(rows.map((row) => this.view(workspaceId, row)));
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<BroadcastResponse> {
    return this.view(workspaceId, await this.find(workspaceId, id));
  }

  /** Checks the sender against the marketing integration now, then fans out at once or at `scheduledAt`. */
  async send(workspaceId: WorkspaceId, principal: Principal, id: string, scheduledAt?: string): Promise<BroadcastResponse> {
    const broadcast = await this.find(workspaceId, id);
    if (broadcast.status !== 'draft') throw this.refused(broadcast, 'send', ['draft']);
    const integration = await requireMarketingIntegration(this.integrations, workspaceId);
    const from = resolveSender(
      integration,
      broadcast.fromEmail ? { email: broadcast.fromEmail, name: broadcast.fromName ?? undefined } : undefined,
      '',
    );
    const startAt = scheduledAt ? new Date(scheduledAt) : broadcast.scheduledAt;
    const later = startAt !== null && startAt.getTime() > Date.now();
    // What goes out is fixed now: a template's version as it is at this moment, whatever is saved later.
    const content = broadcast.templateId
      ? await templateContent(this.templates, workspaceId, { id: broadcast.templateId, version: broadcast.templateVersion })
      : {};
    const moved = await this.broadcasts.transition(workspaceId, id, ['draft'], later ? 'scheduled' : 'sending', {
      ...content,
      fromEmail: from.email,
      fromName: from.name ?? null,
      scheduledAt: startAt,
    });
    if (!moved) throw new ConflictException('The broadcast changed meanwhile; reload it');
    await this.producer.fanOut(workspaceId, id, later ? startAt.getTime() - Date.now() : 0);
    return this.recorded(workspaceId, principal, 'broadcast.sent', id, { scheduledAt: later ? startAt : null });
  }

  /** New deliveries stop within seconds; fan-out stops at its next page. */
  async pause(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<BroadcastResponse> {
    await this.move(workspaceId, id, ['sending', 'scheduled'], 'paused', 'pause', 'broadcast.paused');
    return this.recorded(workspaceId, principal, 'broadcast.paused', id);
  }

  /** Carries on where it stopped: the fan-out continues after the last contact it reached. */
  async resume(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<BroadcastResponse> {
    await this.move(workspaceId, id, ['paused'], 'sending', 'resume', 'broadcast.resumed');
    await this.producer.fanOut(workspaceId, id);
    return this.recorded(workspaceId, principal, 'broadcast.resumed', id);
  }

  /** For good: what was not sent yet is dropped. */
  async cancel(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<BroadcastResponse> {
    await this.move(workspaceId, id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', 'cancel', 'broadcast.cancelled');
    await this.broadcasts.cancelUnsent(workspaceId, id);
    return this.recorded(workspaceId, principal, 'broadcast.cancelled', id);
  }

  /** The broadcast as it is now, once the action on it is in the audit log under its name. */
  private async recorded(
    workspaceId: WorkspaceId,
    principal: Principal,
    action: AuditAction,
    id: string,
    details: Record<string, unknown> = {},
  ): Promise<BroadcastResponse> {
    const broadcast = await this.get(workspaceId, id);
    await this.audit.record(workspaceId, principal, action, `broadcast:${id}`, { name: broadcast.name, ...details });
    return broadcast;
  }

  private async move(
    workspaceId: WorkspaceId,
    id: string,
    from: BroadcastStatus[],
    to: BroadcastStatus,
    action: string,
    event: BroadcastWebhookType,
  ): Promise<void> {
    const broadcast = await this.find(workspaceId, id);
    const changes = to === 'cancelled' ? { finishedAt: new Date() } : {};
    if (!(await this.transitions.move(workspaceId, id, from, to, event, changes))) throw this.refused(broadcast, action, from);
  }

  private refused(broadcast: BroadcastEntity, action: string, allowed: BroadcastStatus[]): UnprocessableEntityException {
    return new UnprocessableEntityException([
      `status: cannot ${action} a broadcast that is ${broadcast.status} (only when ${allowed.join(' or ')})`,
    ]);
  }

  private contentOf(workspaceId: WorkspaceId, source: DraftSource): Promise<MailSource> {
    return 'template' in source ? templateContent(this.templates, workspaceId, source.template) : Promise.resolve(source.written);
  }

  /** What a draft must be to be saved: some body, templates that parse, a list of this workspace, a sender it may use. */
  private async checkDraft(workspaceId: WorkspaceId, draft: MailSource & { listId: string; from?: MailboxInput }): Promise<void> {
    assertParsable(draft);
    if (!(await this.lists.exists(workspaceId, draft.listId))) throw new NotFoundException(`List ${draft.listId} not found`);
    const integration = await this.integrations.findByUsage(workspaceId, 'marketing');
    if (draft.from && integration) resolveSender(integration, draft.from, ''); // refuses a sender it may not use; checked again at send
  }

  private async find(workspaceId: WorkspaceId, id: string): Promise<BroadcastEntity> {
    const broadcast = await this.broadcasts.findById(workspaceId, id);
    if (!broadcast) throw new NotFoundException(`Broadcast ${id} not found`);
    return broadcast;
  }

  /** A sending broadcast whose fan-out is done and whose messages are all settled is sent. */
  private async view(workspaceId: WorkspaceId, broadcast: BroadcastEntity): Promise<BroadcastResponse> {
    const counts = await this.broadcasts.counts(workspaceId, broadcast.id);
    if (broadcast.status === 'sending' && broadcast.fanoutDone && counts.queued === 0) {
      const finishedAt = new Date();
      if (await this.transitions.move(workspaceId, broadcast.id, ['sending'], 'sent', 'broadcast.completed', { finishedAt })) {
        Object.assign(broadcast, { status: 'sent', finishedAt });
      }
    }
    return BroadcastResponse.from(broadcast, counts);
  }
}

import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditLog } from '@app/audit';
import { BroadcastEntity, BroadcastStatus, IntegrationEntity } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { BroadcastsRepository, ListsRepository } from '@app/marketing';
import { BroadcastProducer } from '@app/queue';
import { compileMailTemplates, TemplateSyntaxError } from '@app/templating';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { resolveSender, toMailbox } from '../messages/message-draft';
import { CreateBroadcastDto } from './broadcast.dto';
import { BroadcastResponse } from './broadcast.response';

@Injectable()
export class BroadcastsService {
  constructor(
    private readonly broadcasts: BroadcastsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly producer: BroadcastProducer,
    private readonly lists: ListsRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(workspaceId: WorkspaceId, dto: CreateBroadcastDto): Promise<BroadcastResponse> {
    if (dto.html === undefined && dto.text === undefined) throw new BadRequestException(['html or text is required']);
    try {
      compileMailTemplates({ subject: dto.subject, html: dto.html ?? null, text: dto.text ?? null });
    } catch (error) {
      if (error instanceof TemplateSyntaxError) throw new BadRequestException([error.message]);
      throw error;
    }
    if (!(await this.lists.exists(workspaceId, dto.listId))) throw new NotFoundException(`List ${dto.listId} not found`);
    const from = dto.from === undefined ? null : toMailbox(dto.from);
    const integration = await this.integrations.findByUsage(workspaceId, 'marketing');
    if (from && integration) resolveSender(integration, dto.from, ''); // refuses a sender it may not use; checked again at send
    const broadcast = Object.assign(new BroadcastEntity(), {
      id: randomUUID(),
      name: dto.name,
      listId: dto.listId,
      fromEmail: from?.email ?? null,
      fromName: from?.name ?? null,
      subject: dto.subject,
      html: dto.html ?? null,
      text: dto.text ?? null,
      status: 'draft' as const,
      scheduledAt: dto.scheduledAt ? new Date(dto.scheduledAt) : null,
    });
    return this.view(workspaceId, await this.broadcasts.save(workspaceId, broadcast));
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
    const integration = await this.marketingIntegration(workspaceId);
    const from = resolveSender(
      integration,
      broadcast.fromEmail ? { email: broadcast.fromEmail, name: broadcast.fromName ?? undefined } : undefined,
      '',
    );
    const startAt = scheduledAt ? new Date(scheduledAt) : broadcast.scheduledAt;
    const later = startAt !== null && startAt.getTime() > Date.now();
    const moved = await this.broadcasts.transition(workspaceId, id, ['draft'], later ? 'scheduled' : 'sending', {
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
    await this.move(workspaceId, id, ['sending', 'scheduled'], 'paused', 'pause');
    return this.recorded(workspaceId, principal, 'broadcast.paused', id);
  }

  /** Carries on where it stopped: the fan-out continues after the last contact it reached. */
  async resume(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<BroadcastResponse> {
    await this.move(workspaceId, id, ['paused'], 'sending', 'resume');
    await this.producer.fanOut(workspaceId, id);
    return this.recorded(workspaceId, principal, 'broadcast.resumed', id);
  }

  /** For good: what was not sent yet is dropped. */
  async cancel(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<BroadcastResponse> {
    await this.move(workspaceId, id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', 'cancel');
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

  private async move(workspaceId: WorkspaceId, id: string, from: BroadcastStatus[], to: BroadcastStatus, action: string): Promise<void> {
    const broadcast = await this.find(workspaceId, id);
    const changes = to === 'cancelled' ? { finishedAt: new Date() } : {};
    if (!(await this.broadcasts.transition(workspaceId, id, from, to, changes))) throw this.refused(broadcast, action, from);
  }

  private refused(broadcast: BroadcastEntity, action: string, allowed: BroadcastStatus[]): UnprocessableEntityException {
    return new UnprocessableEntityException([
      `status: cannot ${action} a broadcast that is ${broadcast.status} (only when ${allowed.join(' or ')})`,
    ]);
  }

  private async marketingIntegration(workspaceId: WorkspaceId): Promise<IntegrationEntity> {
    const integration = await this.integrations.findByUsage(workspaceId, 'marketing');
    if (!integration) {
      throw new UnprocessableEntityException(['no integration of this workspace serves marketing mail; set usage.marketing on one']);
    }
    return integration;
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
      if (await this.broadcasts.transition(workspaceId, broadcast.id, ['sending'], 'sent', { finishedAt })) {
        Object.assign(broadcast, { status: 'sent', finishedAt });
      }
    }
    return BroadcastResponse.from(broadcast, counts);
  }
}

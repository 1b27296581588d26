import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity, TimeCursor } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'workspaceId'>;

/** Append-only: there is no update and no delete here (a workspace's events go with the workspace). */
@Injectable()
export class AuditEventsRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async insert(workspaceId: WorkspaceId | null, event: NewAuditEvent, manager: EntityManager = this.events.manager): Promise<void> {
    await manager.save(manager.create(AuditEventEntity, { ...event, workspaceId }));
  }

  /** Newest first, from after `after`; `workspaceId` null is the operator-level log. */
  page(workspaceId: WorkspaceId | null, after: TimeCursor | undefined, limit: number): Promise<AuditEventEntity[]> {
    const query = this.events
      .createQueryBuilder('event')
      .where(workspaceId === null ? 'event.workspace_id IS NULL' : 'event.workspace_id = :workspaceId', { workspaceId })
      .orderBy('event.at', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(limit);
    if (after) query.andWhere('(event.at, event.id) < (:at, :id::uuid)', { at: after.createdAt, id: after.id });
    return query.getMany();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity, TimeCursor } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'workspaceId'>;

/**
 * Append-only: there is no update and no delete here (a workspace's events go with the workspace),
 * with one exception the law makes: erasing a recipient's address from what the events say.
 */
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

  /**
   * Replaces the address wherever an event's details mention it (a test sent to it, say) with
   * `replacement`, and returns how many events changed. Who acted, what and when stay as they were.
   */
  async eraseAddress(workspaceId: WorkspaceId, email: string, replacement: string): Promise<number> {
    const rows: Array<{ id: string; details: unknown }> = await this.events.query(
      `SELECT id, details FROM "public"."audit_events" WHERE workspace_id = $1 AND strpos(lower(details::text), $2) > 0`,
      [workspaceId, email],
    );
    const address = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const erase = (value: unknown): unknown => {
      if (typeof value === 'string') return value.replace(address, replacement);
      if (Array.isArray(value)) return value.map(erase);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, erase(inner)]));
      return value;
    };
    for (const row of rows) {
      await this.events.query(`UPDATE "public"."audit_events" SET details = $3 WHERE workspace_id = $1 AND id = $2`, [
        workspaceId,
        row.id,
        JSON.stringify(erase(row.details)),
      ]);
    }
    return rows.length;
  }
}

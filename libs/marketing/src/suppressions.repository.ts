import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SuppressionEntity, SuppressionReason, TimeCursor } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

export interface NewSuppression {
  email: string;
  reason: SuppressionReason;
  listId?: string | null;
  messageId?: string | null;
}

@Injectable()
export class SuppressionsRepository {
  constructor(@InjectRepository(SuppressionEntity) private readonly suppressions: Repository<SuppressionEntity>) {}

  /** Adds the address to the scope; adding it again keeps the first entry (and its reason). Inside `manager`'s transaction when given. */
  async add(workspaceId: WorkspaceId, entries: NewSuppression[], manager: EntityManager = this.suppressions.manager): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO "public"."suppressions" (workspace_id, email, list_id, reason, message_id)
       SELECT $1, lower(e), l, r, m FROM unnest($2::text[], $3::uuid[], $4::text[], $5::uuid[]) AS t(e, l, r, m)
       ON CONFLICT DO NOTHING`,
      [
        workspaceId,
        entries.map((entry) => entry.email),
        entries.map((entry) => entry.listId ?? null),
        entries.map((entry) => entry.reason),
        entries.map((entry) => entry.messageId ?? null),
      ],
    );
  }

  /** Which of these addresses may not get marketing mail sent for `listId` (or for no list). */
  async suppressedAmong(workspaceId: WorkspaceId, emails: string[], listId: string | null): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows: Array<{ email: string }> = await this.suppressions.query(
      `SELECT DISTINCT lower(email) AS email FROM "public"."suppressions"
       WHERE workspace_id = $1 AND lower(email) = ANY($2::text[]) AND (list_id IS NULL OR list_id = $3)`,
      [workspaceId, emails.map((email) => email.toLowerCase()), listId],
    );
    return new Set(rows.map((row) => row.email));
  }

  list(workspaceId: WorkspaceId, limit: number, after?: TimeCursor): Promise<SuppressionEntity[]> {
    const query = this.suppressions
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId', { workspaceId })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit);
    if (after) query.andWhere('(s.created_at, s.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return query.getMany();
  }

  find(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<SuppressionEntity | null> {
    return this.suppressions
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND lower(s.email) = lower(:email)', { workspaceId, email })
      .andWhere(listId ? 's.list_id = :listId' : 's.list_id IS NULL', { listId })
      .getOne();
  }

  async remove(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<boolean> {
    const query = this.suppressions
      .createQueryBuilder()
      .delete()
      .where('workspace_id = :workspaceId AND lower(email) = lower(:email)', { workspaceId, email })
      .andWhere(listId ? 'list_id = :listId' : 'list_id IS NULL', { listId });
    return ((await query.execute()).affected ?? 0) > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SuppressionEntity, SuppressionReason, TimeCursor } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

/** A suppression whose address is still known: erased ones match by their hash only and are not listed. */
export type ListedSuppression = SuppressionEntity & { email: string };

export interface NewSuppression {
  email: string;
  reason: SuppressionReason;
  listId?: string | null;
  messageId?: string | null;
}

/**
 * Every lookup goes by `email_hash` (the address hashed with the workspace, filled by a trigger),
 * so a suppression still holds once its address was erased and only the hash is left of it.
 */
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

  /** Which of these addresses (lower case) may not get marketing mail sent for `listId` (or for no list). */
  async suppressedAmong(workspaceId: WorkspaceId, emails: string[], listId: string | null): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows: Array<{ email: string }> = await this.suppressions.query(
      `SELECT DISTINCT e AS email FROM unnest($2::text[]) AS e
       JOIN "public"."suppressions" s ON s.workspace_id = $1 AND s.email_hash = "public"."address_hash"($1, e)
       WHERE s.list_id IS NULL OR s.list_id = $3`,
      [workspaceId, emails.map((email) => email.toLowerCase()), listId],
    );
    return new Set(rows.map((row) => row.email));
  }

  /**
   * Which of these addresses (lower case) bounced for good or complained, when the workspace stops
   * transactional mail to them (`suppress_transactional_on_bounce`); none when it does not.
   */
  async bouncedAmong(workspaceId: WorkspaceId, emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows: Array<{ email: string }> = await this.suppressions.query(
      `SELECT DISTINCT e AS email FROM unnest($2::text[]) AS e
       JOIN "public"."suppressions" s ON s.workspace_id = $1 AND s.email_hash = "public"."address_hash"($1, e)
       JOIN "public"."workspaces" w ON w.id = $1 AND w.suppress_transactional_on_bounce
       WHERE s.list_id IS NULL AND s.reason IN ('bounce', 'complaint')`,
      [workspaceId, emails.map((email) => email.toLowerCase())],
    );
    return new Set(rows.map((row) => row.email));
  }

  /** Whether any address of the workspace is suppressed for a bounce or complaint: when none is, transactional mail needs no look-up. */
  async anyBounced(workspaceId: WorkspaceId): Promise<boolean> {
    const [row] = (await this.suppressions.query(
      `SELECT EXISTS (SELECT 1 FROM "public"."suppressions" WHERE workspace_id = $1 AND list_id IS NULL AND reason IN ('bounce', 'complaint')) AS any`,
      [workspaceId],
    )) as Array<{ any: boolean }>;
    return row?.any ?? false;
  }

  list(workspaceId: WorkspaceId, limit: number, after?: TimeCursor): Promise<ListedSuppression[]> {
    const query = this.suppressions
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND s.email IS NOT NULL', { workspaceId })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit);
    if (after) query.andWhere('(s.created_at, s.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return query.getMany() as Promise<ListedSuppression[]>;
  }

  find(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<SuppressionEntity | null> {
    return this.suppressions
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND s.email_hash = "public"."address_hash"(:workspaceId, :email)', { workspaceId, email })
      .andWhere(listId ? 's.list_id = :listId' : 's.list_id IS NULL', { listId })
      .getOne();
  }

  async remove(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<boolean> {
    const query = this.suppressions
      .createQueryBuilder()
      .delete()
      .where('workspace_id = :workspaceId AND email_hash = "public"."address_hash"(:workspaceId, :email)', { workspaceId, email })
      .andWhere(listId ? 'list_id = :listId' : 'list_id IS NULL', { listId });
    return ((await query.execute()).affected ?? 0) > 0;
  }

  /** Recipient erasure: the address goes, its hash stays, so it is still suppressed. Returns how many scopes held it. */
  async forgetAddress(workspaceId: WorkspaceId, email: string): Promise<number> {
    const [, affected] = (await this.suppressions.query(
      `UPDATE "public"."suppressions" SET email = NULL
       WHERE workspace_id = $1 AND email_hash = "public"."address_hash"($1, $2) AND email IS NOT NULL`,
      [workspaceId, email],
    )) as [unknown, number];
    return affected;
  }
}

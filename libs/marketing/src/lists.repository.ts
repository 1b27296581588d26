import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { errorCodeOf, ListEntity, TimeCursor } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

/** Arbitrary constant naming "bulk contact writes" among the two-key advisory locks of this database. */
const BULK_CONTACT_WRITES_LOCK_SPACE = 7_246_312;

export interface ListCounts {
  subscribed: number;
  unsubscribed: number;
}

@Injectable()
export class ListsRepository {
  constructor(@InjectRepository(ListEntity) private readonly lists: Repository<ListEntity>) {}

  insert(workspaceId: WorkspaceId, list: Pick<ListEntity, 'name' | 'description'>): Promise<ListEntity> {
    return this.lists.save(this.lists.create({ ...list, workspaceId }));
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<ListEntity | null> {
    return this.lists.findOneBy({ workspaceId, id });
  }

  exists(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    return this.lists.existsBy({ workspaceId, id });
  }

  /**
   * True when the list exists; it then cannot be deleted until the transaction ends, so members
   * added in it never meet a vanished list.
   */
  async lockForMembers(workspaceId: WorkspaceId, id: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM "lists" WHERE "workspace_id" = $1 AND "id" = $2 FOR KEY SHARE`, [
      workspaceId,
      id,
    ]);
    return rows.length > 0;
  }

  /**
   * Until the transaction ends, no other bulk write of this workspace's contacts runs. Waits at
   * most `waitMs` for one that is running (0: not at all), since a waiting transaction holds a
   * pooled connection every tenant shares; false when the lock was not had.
   */
  async lockBulkContactWrites(workspaceId: WorkspaceId, manager: EntityManager, waitMs: number): Promise<boolean> {
    const key = [BULK_CONTACT_WRITES_LOCK_SPACE, workspaceId];
    if (waitMs === 0) {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', key)) as [
        { locked: boolean },
      ];
      return locked;
    }
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${waitMs}ms`]);
    try {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', key);
      return true;
    } catch (error) {
      // 55P03 lock_not_available: lock_timeout ran out (the transaction is aborted either way).
      if (errorCodeOf(error) === '55P03') return false;
      throw error;
    }
  }

  /** Newest first, keyset-paginated on (created_at, id); fetches one row more than the limit. */
  list(workspaceId: WorkspaceId, cursor: TimeCursor | undefined, limit: number): Promise<ListEntity[]> {
    const query = this.lists
      .createQueryBuilder('l')
      .where('l.workspace_id = :workspaceId', { workspaceId })
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(limit + 1);
    if (cursor) {
      query.andWhere('(l.created_at, l.id) < (:cursorAt::timestamptz, :cursorId::uuid)', {
        cursorAt: cursor.createdAt.toISOString(),
        cursorId: cursor.id,
      });
    }
    return query.getMany();
  }

  /** Member counts by status for each list; lists without members are absent from the map. */
  async counts(workspaceId: WorkspaceId, listIds: string[]): Promise<Map<string, ListCounts>> {
    if (listIds.length === 0) return new Map();
    const rows: Array<{ list_id: string } & ListCounts> = await this.lists.manager.query(
      `SELECT "list_id",
              count(*) FILTER (WHERE "status" = 'subscribed')::int AS "subscribed",
              count(*) FILTER (WHERE "status" = 'unsubscribed')::int AS "unsubscribed"
       FROM "list_memberships"
       WHERE "workspace_id" = $1 AND "list_id" = ANY($2::uuid[])
       GROUP BY "list_id"`,
      [workspaceId, listIds],
    );
    return new Map(rows.map((row) => [row.list_id, { subscribed: row.subscribed, unsubscribed: row.unsubscribed }]));
  }

  async update(workspaceId: WorkspaceId, id: string, changes: Partial<Pick<ListEntity, 'name' | 'description'>>): Promise<boolean> {
    if (Object.keys(changes).length === 0) return this.exists(workspaceId, id);
    const result = await this.lists.update({ workspaceId, id }, changes);
    return (result.affected ?? 0) > 0;
  }

  /** Memberships go with the list; the contacts stay. */
  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.lists.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ContactEntity, TimeCursor } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

/** A contact to create, or to merge into the stored one: null names keep the stored values. */
export interface ContactUpsert {
  email: string;
  firstName: string | null;
  lastName: string | null;
  attributes: Record<string, unknown>;
}

export interface UpsertedContact {
  id: string;
  created: boolean;
}

export interface ContactChanges {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  /** Merged into the stored attributes; keys whose value is null are removed. */
  attributes?: Record<string, unknown>;
}

export interface ContactFilters {
  email?: string;
  cursor?: TimeCursor;
  limit: number;
}

/** Every query names the workspace first. Bulk writes are single statements over unnest()ed arrays. */
@Injectable()
export class ContactsRepository {
  constructor(@InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>) {}

  /**
   * Creates or updates any number of contacts in one statement; `created` tells which were new
   * (xmax is 0 only for a freshly inserted row version).
   */
  async upsertMany(
    workspaceId: WorkspaceId,
    rows: ContactUpsert[],
    manager: EntityManager = this.contacts.manager,
  ): Promise<UpsertedContact[]> {
    if (rows.length === 0) return [];
    // DISTINCT ON guards against two inputs that Postgres' lower() folds together although
    // JavaScript did not: ON CONFLICT DO UPDATE refuses to touch one row twice in a statement.
    // Rows go in in index order, here and in insertMissing, so concurrent imports of overlapping
    // files wait for each other instead of deadlocking.
    return manager.query(
      `INSERT INTO "contacts" AS c ("workspace_id", "email", "first_name", "last_name", "attributes")
       SELECT $1::uuid, r.email, r.first_name, r.last_name, r.attributes
       FROM (
         SELECT DISTINCT ON (lower(u.email)) u.email, u.first_name, u.last_name, u.attributes
         FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS u(email, first_name, last_name, attributes, ord)
         ORDER BY lower(u.email), u.ord
       ) AS r
       ORDER BY lower(r.email)
       ON CONFLICT ("workspace_id", lower("email")) DO UPDATE SET
         "first_name" = COALESCE(EXCLUDED."first_name", c."first_name"),
         "last_name" = COALESCE(EXCLUDED."last_name", c."last_name"),
         "attributes" = c."attributes" || EXCLUDED."attributes",
         "updated_at" = now()
       RETURNING c."id", (c.xmax = 0) AS "created"`,
      [
        workspaceId,
        rows.map((row) => row.email),
        rows.map((row) => row.firstName),
        rows.map((row) => row.lastName),
        rows.map((row) => JSON.stringify(row.attributes)),
      ],
    );
  }

  /** Creates a bare contact for each address that has none yet; returns how many were created. */
  async insertMissing(workspaceId: WorkspaceId, emails: string[], manager: EntityManager = this.contacts.manager): Promise<number> {
    if (emails.length === 0) return 0;
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `WITH inserted AS (
         INSERT INTO "contacts" ("workspace_id", "email")
         SELECT $1::uuid, e FROM unnest($2::text[]) AS e ORDER BY e
         ON CONFLICT ("workspace_id", lower("email")) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM inserted`,
      [workspaceId, emails],
    );
    return count;
  }

  async idsByEmails(workspaceId: WorkspaceId, emails: string[], manager: EntityManager = this.contacts.manager): Promise<string[]> {
    if (emails.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "contacts" WHERE "workspace_id" = $1 AND lower("email") = ANY($2::text[])`,
      [workspaceId, emails],
    );
    return rows.map((row) => row.id);
  }

  /** The subset of `ids` that are contacts of this workspace. */
  async existingIds(workspaceId: WorkspaceId, ids: string[], manager: EntityManager = this.contacts.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "contacts" WHERE "workspace_id" = $1 AND "id" = ANY($2::uuid[])`,
      [workspaceId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<ContactEntity | null> {
    return this.contacts.findOneBy({ workspaceId, id });
  }

  /** `email` as stored: lowercased. */
  findByEmail(workspaceId: WorkspaceId, email: string): Promise<ContactEntity | null> {
    return this.contacts
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId AND lower(c.email) = :email', { workspaceId, email })
      .getOne();
  }

  /** Newest first, keyset-paginated on (created_at, id); fetches one row more than the limit. */
  list(workspaceId: WorkspaceId, filters: ContactFilters): Promise<ContactEntity[]> {
    const query = this.contacts
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId', { workspaceId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filters.limit + 1);
    if (filters.email !== undefined) query.andWhere('lower(c.email) = :email', { email: filters.email });
    if (filters.cursor) {
      query.andWhere('(c.created_at, c.id) < (:cursorAt::timestamptz, :cursorId::uuid)', {
        cursorAt: filters.cursor.createdAt.toISOString(),
        cursorId: filters.cursor.id,
      });
    }
    return query.getMany();
  }

  /** False when the workspace has no such contact. */
  async update(workspaceId: WorkspaceId, id: string, changes: ContactChanges): Promise<boolean> {
    const set: QueryDeepPartialEntity<ContactEntity> = { updatedAt: () => 'now()' };
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.firstName !== undefined) set.firstName = changes.firstName;
    if (changes.lastName !== undefined) set.lastName = changes.lastName;
    const parameters: Record<string, unknown> = {};
    if (changes.attributes !== undefined) {
      // One statement, so concurrent edits of different keys do not overwrite each other.
      set.attributes = () => `("attributes" || :merge::jsonb) - :remove::text[]`;
      const entries = Object.entries(changes.attributes);
      parameters.merge = JSON.stringify(Object.fromEntries(entries.filter(([, value]) => value !== null)));
      parameters.remove = entries.filter(([, value]) => value === null).map(([key]) => key);
    }
    const result = await this.contacts
      .createQueryBuilder()
      .update(ContactEntity)
      .set(set)
      .where('workspace_id = :workspaceId AND id = :id', { workspaceId, id })
      .setParameters(parameters)
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the contact of an address (lower case), its list memberships with it; returns how many went (0 or 1). */
  async removeByEmail(workspaceId: WorkspaceId, email: string): Promise<number> {
    const [, deleted] = (await this.contacts.query(`DELETE FROM "public"."contacts" WHERE workspace_id = $1 AND lower(email) = $2`, [
      workspaceId,
      email,
    ])) as [unknown, number];
    return deleted;
  }

  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.contacts.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }
}

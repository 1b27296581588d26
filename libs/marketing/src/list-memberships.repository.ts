import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ContactEntity, ListMembershipEntity, MembershipStatus } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

export type MemberWithContact = ListMembershipEntity & { contact: ContactEntity };

export interface MemberFilters {
  status?: MembershipStatus;
  /** Contact id of the last member of the previous page. */
  after?: string;
  limit: number;
}

/** A subscribed member as a broadcast needs it: its contact (`id` is the contact's), and whether the address is suppressed for the list. */
export interface BroadcastMember extends Pick<ContactEntity, 'id' | 'email' | 'firstName' | 'lastName' | 'attributes'> {
  suppressed: boolean;
}

@Injectable()
export class ListMembershipsRepository {
  constructor(@InjectRepository(ListMembershipEntity) private readonly memberships: Repository<ListMembershipEntity>) {}

  /**
   * Subscribes every contact not yet on the list in one statement; members already there keep
   * their status (an unsubscribed contact is never re-subscribed by a bulk add). Returns how many joined.
   * Rows go in in key order so concurrent adds of overlapping sets wait for each other instead of deadlocking.
   */
  async addMany(
    workspaceId: WorkspaceId,
    listId: string,
    contactIds: string[],
    manager: EntityManager = this.memberships.manager,
  ): Promise<number> {
    if (contactIds.length === 0) return 0;
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `WITH added AS (
         INSERT INTO "list_memberships" ("list_id", "contact_id", "workspace_id", "status")
         SELECT $2::uuid, c, $1::uuid, 'subscribed' FROM unnest($3::uuid[]) AS c ORDER BY c
         ON CONFLICT ("list_id", "contact_id") DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM added`,
      [workspaceId, listId, contactIds],
    );
    return count;
  }

  findOne(workspaceId: WorkspaceId, listId: string, contactId: string): Promise<MemberWithContact | null> {
    return this.withContacts(workspaceId, listId)
      .andWhere('m.contact_id = :contactId', { contactId })
      .getOne() as Promise<MemberWithContact | null>;
  }

  /** Ordered by contact id, the order broadcasts page through a list in (partial index on subscribed members). */
  list(workspaceId: WorkspaceId, listId: string, filters: MemberFilters): Promise<MemberWithContact[]> {
    const query = this.withContacts(workspaceId, listId)
      .orderBy('m.contact_id', 'ASC')
      .limit(filters.limit + 1);
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.after) query.andWhere('m.contact_id > :after', { after: filters.after });
    return query.getMany() as Promise<MemberWithContact[]>;
  }

  /** The next `limit` subscribed members after contact `after` (null: from the start), in contact id order. */
  subscribedPage(workspaceId: WorkspaceId, listId: string, after: string | null, limit: number): Promise<BroadcastMember[]> {
    return this.memberships.query(
      `SELECT c.id, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.attributes,
              EXISTS (SELECT 1 FROM "public"."suppressions" s
                      WHERE s.workspace_id = m.workspace_id AND s.email_hash = "public"."address_hash"(m.workspace_id, c.email)
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
      [workspaceId, listId, after, limit],
    );
  }

  /** Unsubscribing keeps the first unsubscribe time; subscribing again clears it. False when not a member. */
  async setStatus(
    workspaceId: WorkspaceId,
    listId: string,
    contactId: string,
    status: MembershipStatus,
    manager: EntityManager = this.memberships.manager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ListMembershipEntity)
      .set({
        status,
        unsubscribedAt: () => (status === 'unsubscribed' ? 'COALESCE("unsubscribed_at", now())' : 'NULL'),
      })
      .where('workspace_id = :workspaceId AND list_id = :listId AND contact_id = :contactId', { workspaceId, listId, contactId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async remove(workspaceId: WorkspaceId, listId: string, contactId: string): Promise<boolean> {
    const result = await this.memberships.delete({ workspaceId, listId, contactId });
    return (result.affected ?? 0) > 0;
  }

  private withContacts(workspaceId: WorkspaceId, listId: string) {
    return this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.contact', 'c', 'c.workspace_id = m.workspace_id')
      .where('m.workspace_id = :workspaceId AND m.list_id = :listId', { workspaceId, listId });
  }
}

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

@Injectable()
export class ListMembershipsRepository {
  constructor(@InjectRepository(ListMembershipEntity) private readonly memberships: Repository<ListMembershipEntity>) {}

  /**
   * Subscribes every contact not yet on the list in one statement; members already there keep
   * their status (an unsubscribed contact is never re-subscribed by a bulk add). Returns how many joined.
   * Rows go in in key order so concurrent adds of overlapping sets wait for each other instead of deadlocking.
   */
  async addMany(workspaceId: WorkspaceId, listId: string, contactIds: string[], manager: EntityManager = this.memberships.manager): Promise<number> {
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
    return this.withContacts(workspaceId, listId).andWhere('m.contact_id = :contactId', { contactId }).getOne() as Promise<MemberWithContact | null>;
  }

  /** Ordered by contact id, the order broadcasts page through a list in (partial index on subscribed members). */
  list(workspaceId: WorkspaceId, listId: string, filters: MemberFilters): Promise<MemberWithContact[]> {
    const query = this.withContacts(workspaceId, listId).orderBy('m.contact_id', 'ASC').limit(filters.limit + 1);
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.after) query.andWhere('m.contact_id > :after', { after: filters.after });
    return query.getMany() as Promise<MemberWithContact[]>;
  }

  /** Unsubscribing keeps the first unsubscribe time; subscribing again clears it. False when not a member. */
  async setStatus(workspaceId: WorkspaceId, listId: string, contactId: string, status: MembershipStatus): Promise<boolean> {
    const result = await this.memberships
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

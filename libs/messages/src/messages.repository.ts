import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MessageEntity, MessageEventEntity, MessageStatus } from '@app/database';
import { WorkspaceId } from '@app/tenancy';

export interface MessageFilters {
  status?: MessageStatus;
  to?: string;
  tag?: string;
  /** The last row of the previous page. */
  after?: { createdAt: Date; id: string };
  limit: number;
}

export type NewMessage = Omit<
  MessageEntity,
  'createdAt' | 'updatedAt' | 'attempts' | 'smtpResponse' | 'errorCode' | 'errorMessage' | 'errorHint' | 'leaseUntil' | 'sentAt' | 'status' | 'workspaceId' | 'listId' | 'broadcastId' | 'contactId'
> &
  Partial<Pick<MessageEntity, 'listId' | 'broadcastId' | 'contactId'>>;

@Injectable()
export class MessagesRepository {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageEventEntity) private readonly events: Repository<MessageEventEntity>,
  ) {}

  /**
   * Inserts in one statement. Rows whose Idempotency-Key already exists in the workspace are
   * skipped by the database (even under concurrency); the ids actually inserted are returned.
   */
  async insertMany(workspaceId: WorkspaceId, rows: NewMessage[], manager: EntityManager = this.messages.manager): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MessageEntity)
      // Milliseconds, like a JS Date, so keyset cursors built from createdAt are exact.
      .values(rows.map((row) => ({ ...row, workspaceId, status: 'queued', createdAt: now }) as QueryDeepPartialEntity<MessageEntity>))
      .orIgnore()
      .returning(['id'])
      .execute();
    return new Set((result.raw as Array<{ id: string }>).map((row) => row.id));
  }

  findByIdempotencyKey(workspaceId: WorkspaceId, idempotencyKey: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ workspaceId, idempotencyKey });
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ workspaceId, id });
  }

  eventsOf(workspaceId: WorkspaceId, messageId: string): Promise<MessageEventEntity[]> {
    return this.events.find({ where: { workspaceId, messageId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Newest first, keyset-paginated on (created_at, id) so deep pages cost the same as the first. */
  list(workspaceId: WorkspaceId, filters: MessageFilters): Promise<MessageEntity[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .where('m.workspace_id = :workspaceId', { workspaceId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(filters.limit);
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.tag) query.andWhere('m.tags @> ARRAY[:tag]::text[]', { tag: filters.tag });
    if (filters.to) query.andWhere('m.to @> :to::jsonb', { to: JSON.stringify([{ email: filters.to.toLowerCase() }]) });
    if (filters.after) {
      query.andWhere('(m.created_at, m.id) < (:afterAt, :afterId::uuid)', { afterAt: filters.after.createdAt, afterId: filters.after.id });
    }
    return query.getMany();
  }
}

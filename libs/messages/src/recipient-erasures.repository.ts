import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { AuditActorType, RecipientErasureEntity } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

export interface ErasureRequester {
  type: AuditActorType;
  id: string | null;
  label: string;
}

export interface ErasureCounts {
  messages: number;
  contacts: number;
  suppressions: number;
}

/** Requests to erase an address, kept with the address only until the worker has done them. */
@Injectable()
export class RecipientErasuresRepository {
  constructor(@InjectRepository(RecipientErasureEntity) private readonly erasures: Repository<RecipientErasureEntity>) {}

  insert(
    workspaceId: WorkspaceId,
    email: string,
    requester: ErasureRequester,
    manager: EntityManager = this.erasures.manager,
  ): Promise<RecipientErasureEntity> {
    return manager.save(
      manager.create(RecipientErasureEntity, {
        workspaceId,
        email,
        actorType: requester.type,
        actorId: requester.id,
        actorLabel: requester.label,
        requestedAt: new Date(),
        messages: 0,
        contacts: 0,
        suppressions: 0,
      }),
    );
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<RecipientErasureEntity | null> {
    return this.erasures.findOneBy({ workspaceId, id });
  }

  /** In every workspace, oldest first: erasures still to do that were asked for before `before` (their job may be lost). */
  pending(before: Date, limit: number): Promise<RecipientErasureEntity[]> {
    return this.erasures.find({
      where: { completedAt: IsNull(), requestedAt: LessThan(before) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }

  /** Forgets the address and keeps the counts; false when another run completed it first. */
  async complete(workspaceId: WorkspaceId, id: string, counts: ErasureCounts): Promise<boolean> {
    const [, completed] = (await this.erasures.query(
      `UPDATE "public"."recipient_erasures" SET email = NULL, completed_at = now(), messages = $3, contacts = $4, suppressions = $5
       WHERE workspace_id = $1 AND id = $2 AND completed_at IS NULL`,
      [workspaceId, id, counts.messages, counts.contacts, counts.suppressions],
    )) as [unknown, number];
    return completed > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';

/** How long a workspace keeps what it sent, and how far the purge of bodies has come. */
export interface WorkspaceRetention {
  workspaceId: WorkspaceId;
  bodiesDays: number;
  metadataDays: number;
  bodiesPurgedBefore: Date | null;
}

@Injectable()
export class WorkspacesRepository {
  constructor(@InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>) {}

  insert(name: string, manager: EntityManager = this.workspaces.manager): Promise<WorkspaceEntity> {
    return manager.save(manager.create(WorkspaceEntity, { name }));
  }

  /** Every workspace, oldest first: the operator's view. */
  listAll(): Promise<WorkspaceEntity[]> {
    return this.workspaces.find({ order: { createdAt: 'ASC' } });
  }

  /** Whether `id` names a workspace: what the guard checks before it trusts the id. */
  exists(id: string): Promise<boolean> {
    return this.workspaces.existsBy({ id });
  }

  /** A workspace id is only minted for one that exists, so a missing row is an error, not a 404. */
  get(workspaceId: WorkspaceId): Promise<WorkspaceEntity> {
    return this.workspaces.findOneByOrFail({ id: workspaceId });
  }

  save(workspaceId: WorkspaceId, workspace: WorkspaceEntity): Promise<WorkspaceEntity> {
    workspace.id = workspaceId;
    return this.workspaces.save(workspace);
  }

  /** The ciphertext of the key that signs the workspace's links: null before its first use, undefined without the workspace. */
  async trackingKey(workspaceId: WorkspaceId): Promise<string | null | undefined> {
    const row = await this.workspaces.findOne({ where: { id: workspaceId }, select: { id: true, trackingKeyEncrypted: true } });
    return row ? row.trackingKeyEncrypted : undefined;
  }

  /** Stores the key only where none is stored: of two processes racing to make one, the first write wins. */
  async storeTrackingKeyIfAbsent(workspaceId: WorkspaceId, ciphertext: string): Promise<void> {
    await this.workspaces.update({ id: workspaceId, trackingKeyEncrypted: IsNull() }, { trackingKeyEncrypted: ciphertext });
  }

  /** Every workspace's retention, for the purge that runs over all of them. */
  async retentionOfAll(): Promise<WorkspaceRetention[]> {
    const rows = await this.workspaces.find({
      select: { id: true, retentionBodiesDays: true, retentionMetadataDays: true, bodiesPurgedBefore: true },
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => ({
      workspaceId: trustedWorkspaceId(row.id),
      bodiesDays: row.retentionBodiesDays,
      metadataDays: row.retentionMetadataDays,
      bodiesPurgedBefore: row.bodiesPurgedBefore,
    }));
  }

  /**
   * The bodies of every message created before `before` are purged; a later purge starts there.
   * Only if the mark is still `walkedFrom`, the one the walk started at: a mark moved meanwhile
   * (set back so the next walk starts over) is kept. Marks are written from JavaScript dates, so
   * the comparison is exact.
   */
  async markBodiesPurged(workspaceId: WorkspaceId, before: Date, walkedFrom: Date | null): Promise<void> {
    await this.workspaces.query(
      `UPDATE "public"."workspaces" SET bodies_purged_before = $2 WHERE id = $1 AND bodies_purged_before IS NOT DISTINCT FROM $3`,
      [workspaceId, before, walkedFrom],
    );
  }
}

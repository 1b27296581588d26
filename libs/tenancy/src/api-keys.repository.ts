import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async insert(
    workspaceId: WorkspaceId,
    key: Pick<ApiKeyEntity, 'name' | 'scopes' | 'prefix' | 'keyHash'>,
    manager: EntityManager = this.keys.manager,
  ): Promise<ApiKeyEntity> {
    return manager.save(manager.create(ApiKeyEntity, { ...key, workspaceId }));
  }

  listActive(workspaceId: WorkspaceId): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { workspaceId, revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** In any workspace: a bearer token names none until its key is found. */
  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  async recordUse(workspaceId: WorkspaceId, id: string, at: Date): Promise<void> {
    await this.keys.update({ workspaceId, id }, { lastUsedAt: at });
  }

  /** True when an active key of this workspace was revoked now. */
  async revoke(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.keys.update({ workspaceId, id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CacheInvalidation } from '@app/redis';
import { ApiKeysRepository, generateApiKeySecret } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { CreateApiKeyDto } from './api-key.dto';
import { ApiKeyResponse, CreatedApiKeyResponse } from './api-key.response';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async create(workspaceId: WorkspaceId, dto: CreateApiKeyDto, manager?: EntityManager): Promise<CreatedApiKeyResponse> {
    const secret = generateApiKeySecret();
    const saved = await this.keys.insert(
      workspaceId,
      { name: dto.name, scopes: dto.scopes, prefix: secret.prefix, keyHash: secret.keyHash },
      manager,
    );
    await this.invalidation.publish('api-key-created', saved.id);
    return { ...ApiKeyResponse.from(saved), key: secret.key };
  }

  async list(workspaceId: WorkspaceId): Promise<ApiKeyResponse[]> {
    return (await this.keys.listActive(workspaceId)).map(ApiKeyResponse.from);
  }

  async revoke(workspaceId: WorkspaceId, id: string): Promise<void> {
    if (!(await this.keys.revoke(workspaceId, id))) {
      throw new NotFoundException(`API key ${id} not found`);
    }
    await this.invalidation.publish('api-key', id);
  }
}

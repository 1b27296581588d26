import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { CacheInvalidation } from '@app/redis';
import { ApiKeysRepository, generateApiKeySecret, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { CreateApiKeyDto } from './api-key.dto';
import { ApiKeyResponse, CreatedApiKeyResponse } from './api-key.response';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly invalidation: CacheInvalidation,
    private readonly audit: AuditLog,
  ) {}

  async create(
    workspaceId: WorkspaceId,
    principal: Principal,
    dto: CreateApiKeyDto,
    manager?: EntityManager,
  ): Promise<CreatedApiKeyResponse> {
    const secret = generateApiKeySecret();
    const saved = await this.keys.insert(
      workspaceId,
      { name: dto.name, scopes: dto.scopes, prefix: secret.prefix, keyHash: secret.keyHash },
      manager,
    );
    await this.audit.record(
      workspaceId,
      principal,
      'api_key.created',
      `api_key:${saved.id}`,
      { name: saved.name, scopes: saved.scopes },
      manager,
    );
    await this.invalidation.publish('api-key-created', saved.id);
    return { ...ApiKeyResponse.from(saved), key: secret.key };
  }

  async list(workspaceId: WorkspaceId): Promise<ApiKeyResponse[]> {
    return (await this.keys.listActive(workspaceId)).map(ApiKeyResponse.from);
  }

  async revoke(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<void> {
    if (!(await this.keys.revoke(workspaceId, id))) {
      throw new NotFoundException(`API key ${id} not found`);
    }
    await this.invalidation.publish('api-key', id);
    await this.audit.record(workspaceId, principal, 'api_key.revoked', `api_key:${id}`);
  }
}

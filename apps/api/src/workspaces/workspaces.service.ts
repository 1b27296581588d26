import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { UsersRepository } from '@app/accounts';
import { AuditLog, givenFields } from '@app/audit';
import { TransactionRunner } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import type { Principal } from '@app/tenancy';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { CreateWorkspaceDto, UpdateWorkspaceDto } from './workspace.dto';
import { CreatedWorkspaceResponse, WorkspaceResponse } from './workspace.response';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly workspaces: WorkspacesRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly invalidation: CacheInvalidation,
    private readonly audit: AuditLog,
    private readonly users: UsersRepository,
  ) {}

  /** The workspace and its first admin key are created together or not at all. */
  async create(principal: Principal, dto: CreateWorkspaceDto): Promise<CreatedWorkspaceResponse> {
    return this.transactions.run(async (manager) => {
      const workspace = await this.workspaces.insert(dto.name, manager);
      const workspaceId = trustedWorkspaceId(workspace.id);
      await this.audit.record(null, principal, 'workspace.created', `workspace:${workspace.id}`, { name: workspace.name }, manager);
      const apiKey = await this.apiKeys.create(workspaceId, principal, { name: 'Default admin key', scopes: ['admin'] }, manager);
      return { ...WorkspaceResponse.from(workspace), apiKey };
    });
  }

  async list(): Promise<WorkspaceResponse[]> {
    const workspaces = await this.workspaces.listAll();
    return workspaces.map(WorkspaceResponse.from);
  }

  async get(workspaceId: WorkspaceId): Promise<WorkspaceResponse> {
    return WorkspaceResponse.from(await this.workspaces.get(workspaceId));
  }

  async update(workspaceId: WorkspaceId, principal: Principal, dto: UpdateWorkspaceDto): Promise<WorkspaceResponse> {
    if (dto.requireTotp) await this.refuseSelfLockout(principal);
    const workspace = await this.workspaces.get(workspaceId);
    workspace.name = dto.name ?? workspace.name;
    workspace.trackingOpens = dto.tracking?.opens ?? workspace.trackingOpens;
    workspace.trackingClicks = dto.tracking?.clicks ?? workspace.trackingClicks;
    workspace.requireTotp = dto.requireTotp ?? workspace.requireTotp;
    workspace.suppressTransactionalOnBounce = dto.suppressTransactionalOnBounce ?? workspace.suppressTransactionalOnBounce;
    workspace.retentionBodiesDays = dto.retention?.bodiesDays ?? workspace.retentionBodiesDays;
    workspace.retentionMetadataDays = dto.retention?.metadataDays ?? workspace.retentionMetadataDays;
    if (workspace.retentionBodiesDays > workspace.retentionMetadataDays) {
      throw new UnprocessableEntityException([
        `retention.bodiesDays (${workspace.retentionBodiesDays}) may not exceed retention.metadataDays (${workspace.retentionMetadataDays}): ` +
          'a body goes with its message',
      ]);
    }
    const saved = await this.workspaces.save(workspaceId, workspace);
    await this.invalidation.publish('workspace', workspaceId);
    await this.audit.record(workspaceId, principal, 'workspace.updated', `workspace:${workspaceId}`, { fields: givenFields(dto) });
    return WorkspaceResponse.from(saved);
  }

  /** A person without a second factor who required one would be refused from their very next request. */
  private async refuseSelfLockout(principal: Principal): Promise<void> {
    if (principal.kind !== 'user' || (await this.users.findById(principal.userId))?.totpEnabledAt) return;
    throw new UnprocessableEntityException([
      'requireTotp: enable your own second factor first (POST /v1/auth/totp, then POST /v1/auth/totp/confirm), or this workspace would lock you out',
    ]);
  }
}

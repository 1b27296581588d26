import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { CreateWorkspaceDto, UpdateWorkspaceDto } from './workspace.dto';
import { CreatedWorkspaceResponse, WorkspaceResponse } from './workspace.response';

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
    private readonly apiKeys: ApiKeysService,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /** The workspace and its first admin key are created together or not at all. */
  async create(dto: CreateWorkspaceDto): Promise<CreatedWorkspaceResponse> {
    return this.dataSource.transaction(async (manager) => {
      const workspace = await manager.save(manager.create(WorkspaceEntity, { name: dto.name }));
      const apiKey = await this.apiKeys.create(trustedWorkspaceId(workspace.id), { name: 'Default admin key', scopes: ['admin'] }, manager);
      return { ...WorkspaceResponse.from(workspace), apiKey };
    });
  }

  async list(): Promise<WorkspaceResponse[]> {
    const workspaces = await this.workspaces.find({ order: { createdAt: 'ASC' } });
    return workspaces.map(WorkspaceResponse.from);
  }

  async get(workspaceId: WorkspaceId): Promise<WorkspaceResponse> {
    return WorkspaceResponse.from(await this.workspaces.findOneByOrFail({ id: workspaceId }));
  }

  async update(workspaceId: WorkspaceId, dto: UpdateWorkspaceDto): Promise<WorkspaceResponse> {
    const workspace = await this.workspaces.findOneByOrFail({ id: workspaceId });
    workspace.name = dto.name ?? workspace.name;
    workspace.trackingOpens = dto.tracking?.opens ?? workspace.trackingOpens;
    workspace.trackingClicks = dto.tracking?.clicks ?? workspace.trackingClicks;
    const saved = await this.workspaces.save(workspace);
    await this.invalidation.publish('workspace', workspaceId);
    return WorkspaceResponse.from(saved);
  }
}

import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, PlatformOnly } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { CreateWorkspaceDto, UpdateWorkspaceDto } from './workspace.dto';
import { CreatedWorkspaceResponse, WorkspaceListResponse, WorkspaceResponse } from './workspace.response';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @PlatformOnly()
  create(@Body() dto: CreateWorkspaceDto): Promise<CreatedWorkspaceResponse> {
    return this.workspaces.create(dto);
  }

  @Get()
  @PlatformOnly()
  async list(): Promise<WorkspaceListResponse> {
    return { data: await this.workspaces.list() };
  }

  @Get(':ws')
  get(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<WorkspaceResponse> {
    return this.workspaces.get(workspaceId);
  }

  @Patch(':ws')
  update(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceResponse> {
    return this.workspaces.update(workspaceId, dto);
  }
}

import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, PlatformOnly, Principal } from '@app/tenancy';
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
  @ApiCreatedResponse({ type: CreatedWorkspaceResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWorkspaceDto): Promise<CreatedWorkspaceResponse> {
    return this.workspaces.create(principal, dto);
  }

  @Get()
  @PlatformOnly()
  @ApiOkResponse({ type: WorkspaceListResponse })
  async list(): Promise<WorkspaceListResponse> {
    return { data: await this.workspaces.list() };
  }

  @Get(':ws')
  @ApiOkResponse({ type: WorkspaceResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<WorkspaceResponse> {
    return this.workspaces.get(workspaceId);
  }

  @Patch(':ws')
  @ApiUnprocessableEntityResponse({ description: 'requireTotp: the person asking has no second factor yet, and would lock themselves out' })
  @ApiOkResponse({ type: WorkspaceResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdateWorkspaceDto,
  ): Promise<WorkspaceResponse> {
    return this.workspaces.update(workspaceId, principal, dto);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, WorkspaceId } from '@app/tenancy';
import { CreateIntegrationDto, TestIntegrationDto, UpdateIntegrationDto } from './integration.dto';
import { IntegrationTestResponse } from './integration-test.response';
import { IntegrationTestService } from './integration-test.service';
import { IntegrationListResponse, IntegrationResponse } from './integration.response';
import { IntegrationsService } from './integrations.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly tester: IntegrationTestService,
  ) {}

  @Post()
  @ApiConflictResponse({ description: 'Another integration already holds a requested usage' })
  create(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: CreateIntegrationDto): Promise<IntegrationResponse> {
    return this.integrations.create(workspaceId, dto);
  }

  @Get()
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<IntegrationListResponse> {
    return { data: await this.integrations.list(workspaceId) };
  }

  @Get(':id')
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id') id: string): Promise<IntegrationResponse> {
    return this.integrations.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiConflictResponse({ description: 'Another integration already holds a requested usage' })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id') id: string,
    @Body() dto: UpdateIntegrationDto,
  ): Promise<IntegrationResponse> {
    return this.integrations.update(workspaceId, id, dto);
  }

  /** A real SMTP session, step by step, with a hint for the failure; the outcome becomes the status. */
  @Post(':id/test')
  @HttpCode(200)
  test(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id') id: string,
    @Body() dto: TestIntegrationDto,
  ): Promise<IntegrationTestResponse> {
    return this.tester.test(workspaceId, id, dto.to);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id') id: string): Promise<void> {
    return this.integrations.remove(workspaceId, id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { PageQuery } from '../http/page-query.dto';
import { CreateSuppressionDto, SuppressionScopeQuery } from './suppression.dto';
import { SuppressionListResponse, SuppressionResponse } from './suppression.response';
import { SuppressionsService } from './suppressions.service';

@ApiTags('suppressions')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionsService) {}

  @Post()
  @ApiCreatedResponse({ type: SuppressionResponse })
  add(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: CreateSuppressionDto): Promise<SuppressionResponse> {
    return this.suppressions.add(workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: SuppressionListResponse })
  list(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: PageQuery): Promise<SuppressionListResponse> {
    return this.suppressions.list(workspaceId, query);
  }

  @Delete(':email')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The address may get marketing mail again' })
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('email') email: string,
    @Query() scope: SuppressionScopeQuery,
  ): Promise<void> {
    return this.suppressions.remove(workspaceId, email, scope.listId ?? null);
  }
}

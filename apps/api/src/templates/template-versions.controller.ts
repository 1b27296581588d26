import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { PageQuery } from '../http/page-query.dto';
import { TemplateResponse, TemplateVersionListResponse, TemplateVersionResponse } from './template.response';
import { TEMPLATE_ID } from './templates.controller';
import { TemplatesService } from './templates.service';
import { VersionParamPipe } from './version-param.pipe';

const VERSION = new VersionParamPipe();

@ApiTags('templates')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/templates/:id/versions')
export class TemplateVersionsController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: "List a template's versions, newest first" })
  @ApiOkResponse({ type: TemplateVersionListResponse })
  list(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', TEMPLATE_ID) id: string,
    @Query() query: PageQuery,
  ): Promise<TemplateVersionListResponse> {
    return this.templates.versions(workspaceId, id, query);
  }

  @Get(':n')
  @ApiOperation({ summary: 'Get what one version of a template says' })
  @ApiOkResponse({ type: TemplateVersionResponse })
  get(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', TEMPLATE_ID) id: string,
    @Param('n', VERSION) version: number,
  ): Promise<TemplateVersionResponse> {
    return this.templates.version(workspaceId, id, version);
  }

  @Post(':n/restore')
  @HttpCode(200)
  @ApiOperation({ summary: "Restore a version: a new version with that version's content" })
  @ApiOkResponse({ type: TemplateResponse, description: 'The template with its new latest version' })
  restore(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', TEMPLATE_ID) id: string,
    @Param('n', VERSION) version: number,
  ): Promise<TemplateResponse> {
    return this.templates.restore(workspaceId, principal, id, version);
  }
}

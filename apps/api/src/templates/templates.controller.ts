import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { AcceptedMessageResponse } from '../messages/message.response';
import {
  CreateTemplateDto,
  ListTemplatesQuery,
  PreviewTemplateContentDto,
  PreviewTemplateDto,
  TestTemplateDto,
  UpdateTemplateDto,
} from './template.dto';
import { RenderedTemplateResponse, TemplateContentPreviewResponse, TemplateListResponse, TemplateResponse } from './template.response';
import { TemplateContentService } from './template-content.service';
import { TemplatesService } from './templates.service';

export const TEMPLATE_ID = new UuidParamPipe('Template');

@ApiTags('templates')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly content: TemplateContentService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a template: its version 1' })
  @ApiCreatedResponse({ type: TemplateResponse })
  @ApiConflictResponse({ description: 'The workspace already has a template with this key' })
  create(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateTemplateDto,
  ): Promise<TemplateResponse> {
    return this.templates.create(workspaceId, principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the templates by key, or find the one with ?key=' })
  @ApiOkResponse({ type: TemplateListResponse })
  list(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: ListTemplatesQuery): Promise<TemplateListResponse> {
    return this.templates.list(workspaceId, query);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render unsaved template content with data, with every Liquid error and its line' })
  @ApiOkResponse({
    type: TemplateContentPreviewResponse,
    description: 'Rendered, with every template problem and its line (nothing is stored)',
  })
  previewContent(@Body() dto: PreviewTemplateContentDto): TemplateContentPreviewResponse {
    return this.content.previewContent(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a template with its latest version' })
  @ApiOkResponse({ type: TemplateResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', TEMPLATE_ID) id: string): Promise<TemplateResponse> {
    return this.templates.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a template: a new version' })
  @ApiOkResponse({ type: TemplateResponse, description: 'The template with its new latest version (the same one when nothing changed)' })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', TEMPLATE_ID) id: string,
    @Body() dto: UpdateTemplateDto,
  ): Promise<TemplateResponse> {
    return this.templates.update(workspaceId, principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a template with all its versions' })
  @ApiNoContentResponse({ description: 'Deleted; broadcasts made from it keep their copy of its content' })
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', TEMPLATE_ID) id: string,
  ): Promise<void> {
    return this.templates.remove(workspaceId, principal, id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render a template with data, as a send would' })
  @ApiOkResponse({ type: RenderedTemplateResponse })
  @ApiUnprocessableEntityResponse({
    description: 'It cannot be rendered with this data: the message names the field and line (and the variable, when strict)',
  })
  preview(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', TEMPLATE_ID) id: string,
    @Body() dto: PreviewTemplateDto,
  ): Promise<RenderedTemplateResponse> {
    return this.content.preview(workspaceId, id, dto);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a test of a template to one address through the transactional integration' })
  @ApiAcceptedResponse({ type: AcceptedMessageResponse, description: 'The test message, queued' })
  @ApiUnprocessableEntityResponse({ description: 'No integration serves transactional mail, or it cannot be rendered with this data' })
  sendTest(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', TEMPLATE_ID) id: string,
    @Body() dto: TestTemplateDto,
  ): Promise<AcceptedMessageResponse> {
    return this.content.sendTest(workspaceId, principal, id, dto);
  }
}

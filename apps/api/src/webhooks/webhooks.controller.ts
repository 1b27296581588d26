import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto';
import { CreatedWebhookResponse, RotatedSecretResponse, WebhookListResponse, WebhookResponse } from './webhook.response';
import { WebhooksService } from './webhooks.service';

export const WEBHOOK_ID = new UuidParamPipe('Webhook endpoint');
const PRIVATE_HOST =
  'The URL reaches a private, loopback or link-local address, or its host does not resolve (where private hosts are refused)';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Create a webhook endpoint: its signing secret is shown only in this answer' })
  @ApiUnprocessableEntityResponse({ description: PRIVATE_HOST })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(workspaceId, principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the webhook endpoints with their status (never their secrets)' })
  @ApiOkResponse({ type: WebhookListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<WebhookListResponse> {
    return { data: await this.webhooks.list(workspaceId) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook endpoint and its status: why it is failing or disabled' })
  @ApiOkResponse({ type: WebhookResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', WEBHOOK_ID) id: string): Promise<WebhookResponse> {
    return this.webhooks.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook endpoint; "enabled": true resumes one that was disabled' })
  @ApiUnprocessableEntityResponse({ description: PRIVATE_HOST })
  @ApiOkResponse({ type: WebhookResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return this.webhooks.update(workspaceId, principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint and its delivery log' })
  @ApiNoContentResponse()
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<void> {
    return this.webhooks.remove(workspaceId, principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the signing secret: the new one is shown once, the old one signs too for 24 hours' })
  @ApiOkResponse({ type: RotatedSecretResponse })
  rotateSecret(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', WEBHOOK_ID) id: string,
  ): Promise<RotatedSecretResponse> {
    return this.webhooks.rotateSecret(workspaceId, principal, id);
  }
}

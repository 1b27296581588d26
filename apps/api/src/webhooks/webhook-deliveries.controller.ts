import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { DeliveryLogQuery, ReplayDto } from './webhook.dto';
import { ReplayResponse, WebhookDeliveryListResponse, WebhookDeliveryResponse, WebhookTestResponse } from './webhook-delivery.response';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WEBHOOK_ID } from './webhooks.controller';

const DELIVERY_ID = new UuidParamPipe('Delivery');

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/webhooks/:id')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get('deliveries')
  @ApiOperation({ summary: "The endpoint's delivery log, newest first: every attempt with its status, time and answer" })
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  log(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', WEBHOOK_ID) id: string,
    @Query() query: DeliveryLogQuery,
  ): Promise<WebhookDeliveryListResponse> {
    return this.deliveries.log(workspaceId, id, query);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a webhook.test event to the endpoint now and answer the attempt' })
  @ApiOkResponse({ type: WebhookTestResponse })
  test(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', WEBHOOK_ID) id: string): Promise<WebhookTestResponse> {
    return this.deliveries.test(workspaceId, id);
  }

  @Post('deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Attempt one delivery again now (same webhook-id) and answer it with all its attempts' })
  @ApiConflictResponse({ description: 'An attempt of this delivery is in flight' })
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  retry(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', WEBHOOK_ID) id: string,
    @Param('deliveryId', DELIVERY_ID) deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.deliveries.retry(workspaceId, id, deliveryId);
  }

  @Post('replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send again every failed delivery of the endpoint made since a time' })
  @ApiAcceptedResponse({ type: ReplayResponse })
  replay(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', WEBHOOK_ID) id: string,
    @Body() dto: ReplayDto,
  ): Promise<ReplayResponse> {
    return this.deliveries.replay(workspaceId, id, new Date(dto.since));
  }
}

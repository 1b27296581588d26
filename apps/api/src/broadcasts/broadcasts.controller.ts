import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { AcceptedMessageResponse } from '../messages/message.response';
import { CreateBroadcastDto, PreviewBroadcastDto, SendBroadcastDto, TestBroadcastDto, UpdateBroadcastDto } from './broadcast.dto';
import { BroadcastPreviewResponse } from './broadcast-preview.response';
import { BroadcastListResponse, BroadcastResponse } from './broadcast.response';
import { BroadcastContentService } from './broadcast-content.service';
import { BroadcastsService } from './broadcasts.service';

const BROADCAST_ID = new UuidParamPipe('Broadcast');

@ApiTags('broadcasts')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/broadcasts')
export class BroadcastsController {
  constructor(
    private readonly broadcasts: BroadcastsService,
    private readonly content: BroadcastContentService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: BroadcastResponse })
  create(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: CreateBroadcastDto): Promise<BroadcastResponse> {
    return this.broadcasts.create(workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: BroadcastListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<BroadcastListResponse> {
    return { data: await this.broadcasts.list(workspaceId) };
  }

  @Get(':id')
  @ApiOkResponse({ type: BroadcastResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', BROADCAST_ID) id: string): Promise<BroadcastResponse> {
    return this.broadcasts.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: BroadcastResponse })
  @ApiUnprocessableEntityResponse({ description: 'The broadcast is no longer a draft' })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', BROADCAST_ID) id: string,
    @Body() dto: UpdateBroadcastDto,
  ): Promise<BroadcastResponse> {
    return this.broadcasts.update(workspaceId, id, dto);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastPreviewResponse, description: 'Rendered, with every template problem and its line (nothing is stored)' })
  preview(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: PreviewBroadcastDto): Promise<BroadcastPreviewResponse> {
    return this.content.preview(workspaceId, dto);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AcceptedMessageResponse, description: 'The test message, queued' })
  @ApiUnprocessableEntityResponse({
    description: 'No integration serves marketing mail, or the content cannot be rendered for the contact',
  })
  sendTest(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', BROADCAST_ID) id: string,
    @Body() dto: TestBroadcastDto,
  ): Promise<AcceptedMessageResponse> {
    return this.content.sendTest(workspaceId, principal, id, dto);
  }

  @Post(':id/send')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastResponse })
  send(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', BROADCAST_ID) id: string,
    @Body() dto: SendBroadcastDto,
  ): Promise<BroadcastResponse> {
    return this.broadcasts.send(workspaceId, principal, id, dto.scheduledAt);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastResponse })
  pause(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', BROADCAST_ID) id: string,
  ): Promise<BroadcastResponse> {
    return this.broadcasts.pause(workspaceId, principal, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastResponse })
  resume(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', BROADCAST_ID) id: string,
  ): Promise<BroadcastResponse> {
    return this.broadcasts.resume(workspaceId, principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastResponse })
  cancel(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', BROADCAST_ID) id: string,
  ): Promise<BroadcastResponse> {
    return this.broadcasts.cancel(workspaceId, principal, id);
  }
}

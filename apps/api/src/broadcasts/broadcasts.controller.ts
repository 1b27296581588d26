import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreateBroadcastDto, SendBroadcastDto } from './broadcast.dto';
import { BroadcastListResponse, BroadcastResponse } from './broadcast.response';
import { BroadcastsService } from './broadcasts.service';

const BROADCAST_ID = new UuidParamPipe('Broadcast');

@ApiTags('broadcasts')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

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

import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreateApiKeyDto } from './api-key.dto';
import { ApiKeyListResponse, CreatedApiKeyResponse } from './api-key.response';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  create(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(workspaceId, principal, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<ApiKeyListResponse> {
    return { data: await this.keys.list(workspaceId) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the next request with this key gets 401' })
  revoke(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new UuidParamPipe('API key')) id: string,
  ): Promise<void> {
    return this.keys.revoke(workspaceId, principal, id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
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
import { CreateIntegrationDto, TestIntegrationDto, UpdateIntegrationDto } from './integration.dto';
import { IntegrationTestResponse } from './integration-test.response';
import { IntegrationTestService } from './integration-test.service';
import { IntegrationListResponse, IntegrationResponse } from './integration.response';
import { IntegrationsService } from './integrations.service';

const INTEGRATION_ID = new UuidParamPipe('Integration');

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
  @ApiCreatedResponse({ type: IntegrationResponse })
  create(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateIntegrationDto,
  ): Promise<IntegrationResponse> {
    return this.integrations.create(workspaceId, principal, dto);
  }

  @Get()
  @ApiOkResponse({ type: IntegrationListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<IntegrationListResponse> {
    return { data: await this.integrations.list(workspaceId) };
  }

  @Get(':id')
  @ApiOkResponse({ type: IntegrationResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', INTEGRATION_ID) id: string): Promise<IntegrationResponse> {
    return this.integrations.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update an integration',
    description:
      'Omitted fields keep their values, and omitted secrets the stored ones, except when the update changes where or how ' +
      'credentials are sent (host, port, security, allowSelfSignedCertificate, auth.type, auth.provider, auth.tenantId, ' +
      'compared with the stored values): then every stored secret must be sent again in auth, even if unchanged, so that a ' +
      'key alone can never send a stored secret (or a token obtained with it) somewhere new. Per auth type: basic, ' +
      'auth.password; oauth2 client_credentials, auth.clientSecret; oauth2 refresh_token (Microsoft delegated, Google), ' +
      'auth.clientSecret and, when one is stored, auth.refreshToken (or null to drop it and connect again). ' +
      'Another auth.type or auth.provider keeps no old secret at all.',
  })
  @ApiConflictResponse({ description: 'Another integration already holds a requested usage' })
  @ApiUnprocessableEntityResponse({
    description: 'A stored secret must be resent, e.g. "auth.password: resend the password when changing host"; or the host is not public',
  })
  @ApiOkResponse({ type: IntegrationResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', INTEGRATION_ID) id: string,
    @Body() dto: UpdateIntegrationDto,
  ): Promise<IntegrationResponse> {
    return this.integrations.update(workspaceId, principal, id, dto);
  }

  /** A real SMTP session, step by step, with a hint for the failure; the outcome becomes the status. */
  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ type: IntegrationTestResponse })
  test(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', INTEGRATION_ID) id: string,
    @Body() dto: TestIntegrationDto,
  ): Promise<IntegrationTestResponse> {
    return this.tester.test(workspaceId, principal, id, dto.to);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', INTEGRATION_ID) id: string,
  ): Promise<void> {
    return this.integrations.remove(workspaceId, principal, id);
  }
}

import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { AuthorizeIntegrationDto } from './oauth-authorize.dto';
import { AuthorizationResponse } from './oauth-authorize.response';
import { OAuthConnectFlowService } from './oauth-connect-flow.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/integrations')
export class OAuthConnectController {
  constructor(private readonly flow: OAuthConnectFlowService) {}

  /**
   * Starts the "connect" flow: the consent URL to open in the admin's browser. The provider sends the
   * browser back to `{PUBLIC_BASE_URL}/v1/oauth2/callback`, which stores the refresh token.
   */
  @Post(':id/oauth2/authorize')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthorizationResponse })
  @ApiNotFoundResponse({ description: 'No such integration in this workspace' })
  @ApiUnprocessableEntityResponse({
    description: 'The integration has no consent flow (not OAuth2, or Microsoft client credentials) or lacks its client ID or secret',
  })
  authorize(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new UuidParamPipe('Integration')) id: string,
    @Body() dto: AuthorizeIntegrationDto,
  ): Promise<AuthorizationResponse> {
    return this.flow.authorize(workspaceId, principal, id, dto.returnUrl);
  }
}

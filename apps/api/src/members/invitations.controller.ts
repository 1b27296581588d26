import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { CreatedInvitationResponse, InvitationListResponse } from './invitation.response';
import { InvitationsService } from './invitations.service';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { NOT_BY_KEY } from './members-openapi';

@ApiTags('members')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: NOT_BY_KEY })
@ApiNotFoundResponse({ description: 'No such workspace for this caller, or no such invitation' })
@Controller('v1/workspaces/:ws/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ApiOperation({ summary: 'Pending invitations: neither accepted, revoked nor expired' })
  @ApiOkResponse({ type: InvitationListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<InvitationListResponse> {
    return { data: await this.invitations.listPending(workspaceId) };
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new link for an invitation',
    description:
      'The old link stops working; the new one is valid INVITATION_TTL_DAYS from now, shown only here, and mailed as on invite. Works for an expired invitation too.',
  })
  @ApiOkResponse({ type: CreatedInvitationResponse })
  @ApiConflictResponse({ description: 'The invitation was accepted or revoked' })
  resend(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new UuidParamPipe('Invitation')) id: string,
  ): Promise<CreatedInvitationResponse> {
    return this.invitations.resend(workspaceId, principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an invitation', description: 'Its link stops working. Revoking a revoked invitation changes nothing.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiConflictResponse({ description: 'The invitation was already accepted: remove the member instead' })
  revoke(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new UuidParamPipe('Invitation')) id: string,
  ): Promise<void> {
    return this.invitations.revoke(workspaceId, principal, id);
  }
}

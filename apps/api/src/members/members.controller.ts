import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { CreatedInvitationResponse } from './invitation.response';
import { InvitationsService } from './invitations.service';
import { InviteMemberDto, UpdateMemberDto } from './member.dto';
import { MemberPasswordResetService } from './member-password-reset.service';
import { MemberListResponse, MemberResponse, PasswordResetLinkResponse } from './member.response';
import { MembersService } from './members.service';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { NOT_BY_KEY } from './members-openapi';

@ApiTags('members')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such workspace for this caller, or no such member' })
@Controller('v1/workspaces/:ws/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    private readonly passwordResets: MemberPasswordResetService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Invite a person by email',
    description:
      'The answer carries the single-use invitation link, shown only here, valid INVITATION_TTL_DAYS (7) days. When the workspace ' +
      'has a transactional integration with a sender, the link is also mailed through it. Inviting an address again replaces its pending invitation.',
  })
  @ApiCreatedResponse({ type: CreatedInvitationResponse })
  @ApiBadRequestResponse({ description: 'email is not an email, or role is not admin, member or viewer' })
  @ApiForbiddenResponse({ description: NOT_BY_KEY })
  @ApiConflictResponse({ description: 'The address already belongs to a member of the workspace' })
  invite(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: InviteMemberDto,
  ): Promise<CreatedInvitationResponse> {
    return this.invitations.invite(workspaceId, principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The people of the workspace and their roles' })
  @ApiForbiddenResponse({ description: 'An API key: the people of a workspace are not for keys' })
  @ApiOkResponse({ type: MemberListResponse })
  async list(@CurrentWorkspace() workspaceId: WorkspaceId): Promise<MemberListResponse> {
    return { data: await this.members.list(workspaceId) };
  }

  @Patch(':userId')
  @ApiOperation({ summary: "Change a member's role", description: "Applies to the person's next request." })
  @ApiBadRequestResponse({ description: 'role is not admin, member or viewer' })
  @ApiForbiddenResponse({ description: NOT_BY_KEY })
  @ApiConflictResponse({ description: 'The member is the last admin of the workspace' })
  @ApiOkResponse({ type: MemberResponse })
  changeRole(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('userId', new UuidParamPipe('Member')) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.members.changeRole(workspaceId, principal, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member',
    description: 'Their next request in this workspace gets 404; their account and other workspaces stay.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ description: NOT_BY_KEY })
  @ApiConflictResponse({ description: 'The member is the last admin of the workspace' })
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('userId', new UuidParamPipe('Member')) userId: string,
  ): Promise<void> {
    return this.members.remove(workspaceId, principal, userId);
  }

  @Post(':userId/password-reset')
  @ApiOperation({
    summary: 'Issue a password-reset link for a member',
    description:
      'For a person who cannot sign in: the answer carries a single-use link to hand over, shown only here. An admin may do it for ' +
      'people who belong to this workspace alone and are no operator; the operator may do it for anyone.',
  })
  @ApiCreatedResponse({ type: PasswordResetLinkResponse })
  @ApiForbiddenResponse({
    description: `${NOT_BY_KEY}; or the member is an operator or belongs to another workspace too (only the operator may)`,
  })
  issuePasswordReset(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('userId', new UuidParamPipe('Member')) userId: string,
  ): Promise<PasswordResetLinkResponse> {
    return this.passwordResets.issue(workspaceId, principal, userId);
  }
}

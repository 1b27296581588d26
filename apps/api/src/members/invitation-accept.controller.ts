import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DashboardForm } from '@app/tenancy';
import { DashboardFormDocs } from '../auth/auth-openapi';
import { InvitationAcceptance } from './invitation-acceptance.service';
import { AcceptedInvitationResponse } from './invitation.response';
import { AcceptInvitationDto } from './member.dto';

/** A public form: the person accepting has no session yet; the single-use token is the credential. */
@ApiTags('members')
@Controller('v1/auth/invitations')
export class InvitationAcceptController {
  constructor(private readonly acceptance: InvitationAcceptance) {}

  @Post('accept')
  @DashboardForm()
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'An address without an account: give name and password, and the account is created. An address with an account: give ' +
      "that account's current password (holding the link alone must not add a workspace to someone else's account). Then sign in as usual.",
  })
  @DashboardFormDocs()
  @ApiCreatedResponse({ type: AcceptedInvitationResponse, description: 'The person is a member' })
  @ApiBadRequestResponse({ description: 'name or password missing, or the password too short or too common' })
  @ApiUnauthorizedResponse({ description: "password does not match the existing account's" })
  @ApiNotFoundResponse({ description: 'No invitation has this token' })
  @ApiGoneResponse({ description: 'The invitation was already used, was revoked, or expired' })
  @ApiConflictResponse({ description: 'The address got an account while this one was being created' })
  accept(@Body() dto: AcceptInvitationDto): Promise<AcceptedInvitationResponse> {
    return this.acceptance.accept(dto);
  }
}

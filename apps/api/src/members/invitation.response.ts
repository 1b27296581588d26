import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InvitationEntity, MEMBER_ROLES, MemberRole } from '@app/database';

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The person who invited; null for the operator token' })
  invitedBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;

  static from(invitation: InvitationEntity): InvitationResponse {
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      invitedBy: invitation.invitedBy,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
    };
  }
}

export class IssuedInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: 'The single-use link to hand over, {PUBLIC_BASE_URL}/invite/{token}. Shown only in this response.' })
  url: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      "The message that mails the link through the workspace's transactional integration; null when it has none (hand the link over)",
  })
  messageId: string | null;
}

export class CreatedInvitationResponse {
  @ApiProperty({ type: IssuedInvitationResponse }) invitation: IssuedInvitationResponse;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse], description: 'Pending: neither accepted, revoked nor expired' }) data: InvitationResponse[];
}

export class AcceptedUserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() isOperator: boolean;
}

export class AcceptedMembershipResponse {
  @ApiProperty({ format: 'uuid' }) workspaceId: string;
  @ApiProperty() workspaceName: string;
  @ApiProperty({ enum: MEMBER_ROLES, description: "The invitation's role; a person who already belonged keeps theirs" }) role: MemberRole;
}

export class AcceptedInvitationResponse {
  @ApiProperty({ type: AcceptedUserResponse }) user: AcceptedUserResponse;
  @ApiProperty({ type: AcceptedMembershipResponse }) membership: AcceptedMembershipResponse;
}

import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, MemberRole, UserEntity, UserSessionEntity } from '@app/database';
import { routesAllowedTo } from '@app/tenancy';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Runs the deployment: sees every workspace, as the platform admin token does' }) isOperator: boolean;
  @ApiProperty({ description: 'Signs in with a TOTP code as well as the password' }) hasSecondFactor: boolean;

  static from(user: UserEntity): UserResponse {
    return { id: user.id, email: user.email, name: user.name, isOperator: user.isOperator, hasSecondFactor: user.totpEnabledAt !== null };
  }
}

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) workspaceId: string;
  @ApiProperty() workspaceName: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({
    type: [String],
    example: ['GET /v1/workspaces/{ws}/messages'],
    description: 'The workspace routes this role may call, as `METHOD path`: the dashboard offers only these',
  })
  permissions: string[];

  static from(membership: { workspaceId: string; workspaceName: string; role: MemberRole }): MembershipResponse {
    return { ...membership, permissions: routesAllowedTo(membership.role) };
  }
}

export class MeResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ type: [MembershipResponse] }) memberships: MembershipResponse[];
}

export class SetupResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid', description: 'Names the session for DELETE /v1/auth/sessions/{id}; not its cookie' }) id: string;
  @ApiProperty({ description: 'The session of this request' }) current: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'To the minute' }) lastUsedAt: Date;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;

  static from(session: UserSessionEntity, currentId: string): SessionResponse {
    return {
      id: session.id,
      current: session.id === currentId,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt,
      userAgent: session.userAgent,
      ip: session.ip,
    };
  }
}

export class SessionListResponse {
  @ApiProperty({ type: [SessionResponse] }) data: SessionResponse[];
}

export class TotpEnrollmentResponse {
  @ApiProperty({ description: 'The RFC 6238 secret in base32, for typing into an authenticator app' }) secret: string;
  @ApiProperty({
    example: 'otpauth://totp/Mailroom:ada%40example.com?issuer=Mailroom&secret=…',
    description: 'The same, as a QR code would carry it',
  })
  otpauthUrl: string;
}

export class RecoveryCodesResponse {
  @ApiProperty({ type: [String], description: 'Each works once instead of a code; shown only in this response' }) recoveryCodes: string[];
}

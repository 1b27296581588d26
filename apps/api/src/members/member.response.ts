import { ApiProperty } from '@nestjs/swagger';
import type { MemberRow } from '@app/accounts';
import { MEMBER_ROLES, MemberRole } from '@app/database';

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ description: 'When they joined the workspace' }) since: Date;

  static from(row: MemberRow): MemberResponse {
    return { userId: row.userId, email: row.email, name: row.name, role: row.role, since: row.since };
  }
}

export class MemberListResponse {
  @ApiProperty({ type: [MemberResponse] }) data: MemberResponse[];
}

export class PasswordResetLinkResponse {
  @ApiProperty({ description: 'The single-use link to hand to the person, shown only here; it works for PASSWORD_RESET_TTL_MS' })
  url: string;
}

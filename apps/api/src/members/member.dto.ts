import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '@app/accounts';
import { MEMBER_ROLES, MemberRole } from '@app/database';
import { MAX_EMAIL_LENGTH } from '../contacts/email-address';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

const ROLE = {
  enum: MEMBER_ROLES,
  description:
    'admin: everything in the workspace; member: send, contacts, lists, broadcasts, suppressions, and read integrations; viewer: read only',
};
const isRole = () => IsIn(MEMBER_ROLES, { message: `role must be one of: ${MEMBER_ROLES.join(', ')}` });

export class InviteMemberDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  @NoLineBreaks()
  email: string;

  @ApiProperty(ROLE)
  @isRole()
  role: MemberRole;
}

export class UpdateMemberDto {
  @ApiProperty(ROLE)
  @isRole()
  role: MemberRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the invitation link, {PUBLIC_BASE_URL}/invite/{token}' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace', description: 'Required when the address has no account yet' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name?: string;

  @ApiPropertyOptional({
    description:
      'A new account: its password (at least 12 characters, not a common one). ' +
      "An address that already has an account: that account's current password, which proves the invitation reached its owner.",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;
}

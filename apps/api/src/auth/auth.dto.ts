import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@app/accounts';
import { MAX_EMAIL_LENGTH } from '../contacts/email-address';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { AcceptablePassword } from './acceptable-password.validator';

/** A 6-digit TOTP code, or one of the recovery codes shown when the second factor was enabled. */
const SECOND_FACTOR_CODE = /^(\d{6}|[a-z2-7]{5}-[a-z2-7]{5})$/i;
const codeMessage = { message: '$property must be the 6 digits of the authenticator app, or a recovery code such as abcde-fghij' };
// Links carry 32 random bytes in base64url; anything longer is not one of them.
const MAX_TOKEN_LENGTH = 100;

const NEW_PASSWORD = {
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: MAX_PASSWORD_LENGTH,
  description: `At least ${MIN_PASSWORD_LENGTH} characters, not one of the most common passwords`,
};

export class LoginDto {
  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  email: string;

  @ApiProperty({ maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @ApiPropertyOptional({ description: 'Required once the person has a second factor: a TOTP code or a recovery code', example: '123456' })
  @IsOptional()
  @Matches(SECOND_FACTOR_CODE, codeMessage)
  code?: string;
}

export class SetupDto {
  @ApiProperty({ description: 'The token of the set-up link Mailroom printed at start' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TOKEN_LENGTH)
  token: string;

  @ApiProperty({ format: 'email', example: 'ops@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty(NEW_PASSWORD)
  @AcceptablePassword()
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The current password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  current: string;

  @ApiProperty(NEW_PASSWORD)
  @AcceptablePassword()
  next: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token of the password-reset link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TOKEN_LENGTH)
  token: string;

  @ApiProperty(NEW_PASSWORD)
  @AcceptablePassword()
  password: string;
}

export class SecondFactorCodeDto {
  @ApiProperty({
    description: 'A TOTP code of the authenticator app (or, to turn the second factor off, a recovery code)',
    example: '123456',
  })
  @Matches(SECOND_FACTOR_CODE, codeMessage)
  code: string;
}

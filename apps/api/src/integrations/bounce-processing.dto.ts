import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BOUNCE_AUTH_TYPES, BounceAuthType, ENVELOPE_SENDERS, EnvelopeSender, SMTP_SECURITY, SmtpSecurity } from '@app/database';
import { IsHostname } from '../http/is-hostname.validator';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

export const BOUNCE_RESEND_RULE =
  'On PATCH, changing bounces.host, port, security or auth requires resending the secrets the mailbox is logged in with ' +
  '(the integration\'s own with auth "same", else bounces.auth.password), or the PATCH is refused with 422 naming them.';

/** How Mailroom logs in to the watched mailbox: `"same"` (the integration's own credentials), or a login of its own. */
export class BounceMailboxAuthDto {
  @ApiProperty({ enum: BOUNCE_AUTH_TYPES })
  @IsIn(BOUNCE_AUTH_TYPES)
  type: BounceAuthType;

  @ApiPropertyOptional({ description: 'basic only: the IMAP login, usually the mailbox address', example: 'bounces@example.com' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  @NoLineBreaks()
  username?: string;

  @ApiPropertyOptional({ description: `basic only. Write-only: never returned. ${BOUNCE_RESEND_RULE}`, writeOnly: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @NoLineBreaks()
  password?: string;
}

/** `"same"` is shorthand for `{type: "same"}`; anything but an object is left for the validator to refuse. */
const authShorthand = ({ value }: { value: unknown }): unknown => {
  const given = value === 'same' ? { type: 'same' } : value;
  return given !== null && typeof given === 'object' && !Array.isArray(given) ? plainToInstance(BounceMailboxAuthDto, given) : given;
};

@ApiExtraModels(BounceMailboxAuthDto)
export class BounceProcessingDto {
  @ApiProperty({ description: 'Read delivery reports and complaints from this mailbox' })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({ example: 'outlook.office365.com', description: `IMAP server; required when enabled. ${BOUNCE_RESEND_RULE}` })
  @IsOptional()
  @IsHostname()
  host?: string;

  @ApiPropertyOptional({ example: 993, description: 'Required when enabled' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ enum: SMTP_SECURITY, description: 'tls for implicit TLS (993), starttls (143), none; required when enabled' })
  @IsOptional()
  @IsIn(SMTP_SECURITY)
  security?: SmtpSecurity;

  @ApiPropertyOptional({ description: 'Where the reports arrive (INBOX when never given); "/" separates levels' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  folder?: string;

  @ApiPropertyOptional({
    default: 'Mailroom/Processed',
    description: 'Where processed reports are moved (created if missing); nothing is deleted',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  processedFolder?: string;

  @ApiPropertyOptional({
    description:
      'How to log in: "same" (default: the integration\'s password, or an access token from its OAuth2 set-up) or {type: "basic", username, password}',
    // An explicit type keeps the reflected class out of the schema (the combinator then drops it), so only the two choices remain.
    type: String,
    oneOf: [{ type: 'string', enum: ['same'] }, { $ref: getSchemaPath(BounceMailboxAuthDto) }],
  })
  @IsOptional()
  @Transform(authShorthand)
  @ValidateNested()
  auth?: BounceMailboxAuthDto;

  @ApiPropertyOptional({
    enum: ENVELOPE_SENDERS,
    description:
      'The SMTP envelope sender (MAIL FROM), where bounces go. watched_mailbox (when never given): the mailbox read here, so bounces for every sender come back to it ' +
      '(Exchange Online accepts the authenticated mailbox as envelope sender with a SendAs From; Gmail sends as the signed-in account). from: the header From.',
  })
  @IsOptional()
  @IsIn(ENVELOPE_SENDERS)
  envelopeSender?: EnvelopeSender;
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUTH_TYPES, AuthType, OAUTH_FLOWS, OAUTH_PROVIDERS, OAuthFlow, OAuthProvider, SMTP_SECURITY, SmtpSecurity } from '@app/database';
import { IsHostname } from '../http/is-hostname.validator';
import { BounceProcessingDto } from './bounce-processing.dto';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

// What a PATCH means for the stored secrets; the same sentence on every field it concerns.
const RESEND_RULE =
  'On PATCH, omitted keeps the stored value, except when the PATCH changes host, port, security, ' +
  'allowSelfSignedCertificate, auth.type, auth.provider or auth.tenantId: then it must be sent again ' +
  '(even if unchanged), or the PATCH is refused with 422 naming it.';
const MOVES_SECRETS =
  'Changing it on PATCH requires resending the stored secrets in auth (see auth.password, auth.clientSecret, auth.refreshToken).';

export class IntegrationAuthDto {
  @ApiProperty({ enum: AUTH_TYPES, description: 'On PATCH, another type keeps none of the stored secrets: send those the new type needs.' })
  @IsIn(AUTH_TYPES)
  type: AuthType;

  @ApiPropertyOptional({
    description: 'basic: the login; oauth2: the mailbox to authenticate as (XOAUTH2 user)',
    example: 'sender@example.com',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  @NoLineBreaks()
  username?: string;

  @ApiPropertyOptional({ description: `basic only. Write-only: never returned. ${RESEND_RULE}`, writeOnly: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @NoLineBreaks()
  password?: string;

  @ApiPropertyOptional({
    enum: OAUTH_PROVIDERS,
    description: 'On PATCH, another provider keeps none of the stored secrets: send them for the new one.',
  })
  @IsOptional()
  @IsIn(OAUTH_PROVIDERS)
  provider?: OAuthProvider;

  @ApiPropertyOptional({ enum: OAUTH_FLOWS, description: 'microsoft: either; google: refresh_token' })
  @IsOptional()
  @IsIn(OAUTH_FLOWS)
  flow?: OAuthFlow;

  @ApiPropertyOptional({ description: `Microsoft Entra tenant id or domain. ${MOVES_SECRETS}`, example: 'contoso.onmicrosoft.com' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  tenantId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  clientId?: string;

  @ApiPropertyOptional({ description: `oauth2 only. Write-only: never returned. ${RESEND_RULE}`, writeOnly: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @NoLineBreaks()
  clientSecret?: string;

  @ApiPropertyOptional({
    description:
      `Refresh-token flows only. Write-only: never returned. Usually obtained through the connect flow. ${RESEND_RULE} ` +
      'When one is stored and you do not have it, send null instead: it is dropped and the integration waits for "connect".',
    writeOnly: true,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  @NoLineBreaks()
  refreshToken?: string | null;
}

export class SenderDto {
  @ApiProperty({ example: 'Support Team' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty({ example: 'support@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(320)
  @NoLineBreaks()
  email: string;

  @ApiPropertyOptional({ description: 'The sender used when a message names none; the first one if none is marked' })
  @IsOptional()
  @IsBoolean()
  default?: boolean;
}

export class UsageDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() transactional?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() marketing?: boolean;
}

export class CreateIntegrationDto {
  @ApiProperty({ example: 'Company SMTP' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty({ example: 'smtp.office365.com', description: MOVES_SECRETS })
  @IsHostname()
  host: string;

  @ApiProperty({ example: 587, description: MOVES_SECRETS })
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiProperty({ enum: SMTP_SECURITY, description: `starttls (587), tls for implicit TLS (465), none. ${MOVES_SECRETS}` })
  @IsIn(SMTP_SECURITY)
  security: SmtpSecurity;

  @ApiPropertyOptional({ description: 'Name sent in EHLO; default: the domain of the sender', example: 'mail.example.com' })
  @IsOptional()
  @IsHostname()
  ehloHostname?: string;

  @ApiPropertyOptional({ description: `Accept a self-signed or untrusted server certificate (off by default). ${MOVES_SECRETS}` })
  @IsOptional()
  @IsBoolean()
  allowSelfSignedCertificate?: boolean;

  @ApiProperty({ type: IntegrationAuthDto })
  @ValidateNested()
  @Type(() => IntegrationAuthDto)
  auth: IntegrationAuthDto;

  @ApiProperty({ type: [SenderDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique((sender: SenderDto) => String(sender?.email).toLowerCase(), { message: 'senders must have unique email addresses' })
  @ValidateNested({ each: true })
  @Type(() => SenderDto)
  senders: SenderDto[];

  @ApiPropertyOptional({ type: UsageDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageDto)
  usage?: UsageDto;

  @ApiPropertyOptional({ description: 'Messages per minute this server accepts from us', example: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number;

  @ApiPropertyOptional({ description: 'Pooled SMTP connections per worker', example: 5, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxConnections?: number;

  @ApiPropertyOptional({
    type: BounceProcessingDto,
    description: 'Read bounces and complaints back from the sending mailbox over IMAP. On PATCH, omitted fields keep their values.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BounceProcessingDto)
  bounces?: BounceProcessingDto;
}

export class UpdateIntegrationDto extends PartialType(CreateIntegrationDto) {}

export class TestIntegrationDto {
  @ApiPropertyOptional({ description: 'Also send a short test message to this address' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email' })
  @NoLineBreaks()
  to?: string;
}

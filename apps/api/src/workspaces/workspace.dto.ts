import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Inc.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;
}

export class TrackingSettingsDto {
  @ApiPropertyOptional({ description: 'Add an open pixel to HTML mail by default' })
  @IsOptional()
  @IsBoolean()
  opens?: boolean;

  @ApiPropertyOptional({ description: 'Rewrite links for click tracking by default' })
  @IsOptional()
  @IsBoolean()
  clicks?: boolean;
}

export const MAX_RETENTION_DAYS = 3650;

export class RetentionSettingsDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_RETENTION_DAYS,
    example: 30,
    description: 'Days message bodies are kept: html, text, attachments, tracked link targets (at most metadataDays)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_DAYS)
  bodiesDays?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_RETENTION_DAYS,
    example: 400,
    description: 'Days messages are kept at all, with their subject, recipients, status and events',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RETENTION_DAYS)
  metadataDays?: number;
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional({ example: 'Acme Inc.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name?: string;

  @ApiPropertyOptional({ type: TrackingSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackingSettingsDto)
  tracking?: TrackingSettingsDto;

  @ApiPropertyOptional({
    description:
      'People must have a confirmed second factor (POST /v1/auth/totp) to act in this workspace; others get 403 until they enable one. ' +
      'API keys and the operator token are not people and are unaffected.',
  })
  @IsOptional()
  @IsBoolean()
  requireTotp?: boolean;

  @ApiPropertyOptional({
    description:
      'A hard bounce or a complaint read back from a watched mailbox also stops transactional mail to the address (default true): ' +
      "mail to dead addresses hurts the sender's reputation with every provider. Marketing mail to it stops either way.",
  })
  @IsOptional()
  @IsBoolean()
  suppressTransactionalOnBounce?: boolean;

  @ApiPropertyOptional({ type: RetentionSettingsDto, description: 'What the daily purge removes, and when' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionSettingsDto)
  retention?: RetentionSettingsDto;
}

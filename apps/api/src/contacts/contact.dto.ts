import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { IsContactAttributes } from './contact-attributes.validator';
import { MAX_EMAIL_LENGTH } from './email-address';
import { PageQuery } from '../http/page-query.dto';

const ATTRIBUTES_SCHEMA = { type: 'object', additionalProperties: true, example: { plan: 'pro', city: 'Lisbon' } } as const;

export class UpsertContactDto {
  @ApiProperty({ example: 'ada@example.com', description: 'Matched case-insensitively; stored lowercased' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  @NoLineBreaks()
  email: string;

  @ApiPropertyOptional({
    example: 'Ada',
    nullable: true,
    type: String,
    description: 'Omitted, null or empty: an existing contact keeps its value',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoLineBreaks()
  firstName?: string | null;

  @ApiPropertyOptional({
    example: 'Lovelace',
    nullable: true,
    type: String,
    description: 'Omitted, null or empty: an existing contact keeps its value',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoLineBreaks()
  lastName?: string | null;

  @ApiPropertyOptional({
    ...ATTRIBUTES_SCHEMA,
    description: "Merged key by key into an existing contact's attributes (null values are ignored); at most 100 keys, 16 KB",
  })
  @IsOptional()
  @IsContactAttributes()
  attributes?: Record<string, unknown>;
}

export class UpdateContactDto {
  @ApiPropertyOptional({ example: 'ada@example.com', description: 'Must not belong to another contact of the workspace (409)' })
  @ValidateIf((_, value) => value !== undefined)
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  @NoLineBreaks()
  email?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoLineBreaks()
  firstName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoLineBreaks()
  lastName?: string | null;

  @ApiPropertyOptional({ ...ATTRIBUTES_SCHEMA, description: 'Merged key by key into the stored attributes; a key set to null is removed' })
  @IsOptional()
  @IsContactAttributes()
  attributes?: Record<string, unknown>;
}

export class ListContactsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the contact with this address (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_EMAIL_LENGTH)
  email?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_TEMPLATE_LENGTH } from '@app/templating';
import { MAX_EMAIL_LENGTH } from '../contacts/email-address';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { PageQuery } from '../http/page-query.dto';
import { IsMailbox } from '../messages/mailbox.validator';
import { MAILBOX_SCHEMA, type MailboxInput } from '../messages/message.dto';
import { IsTemplateKey, MAX_TEMPLATE_KEY_LENGTH } from './template-key.validator';

export const TEMPLATE_HELP =
  'Liquid template: {{ data.<name> }} (what the send gives), {{ to.email }}, {{ to.name }}; in marketing mail {{ unsubscribe_url }}; in a broadcast also {{ contact.first_name }} and the other contact fields';
const STRICT_HELP =
  'A variable the template uses but the data lacks is an error at send (422 naming it) instead of blank; `{% if data.x %}` and `| default:` still mark a value optional';
const DATA_SCHEMA = { type: 'object', additionalProperties: true, example: { name: 'Ada', plan: 'pro' } } as const;

export class CreateTemplateDto {
  @ApiProperty({ example: 'password-reset', description: 'What sends name it by; unique in the workspace and fixed once created' })
  @IsString()
  @MaxLength(MAX_TEMPLATE_KEY_LENGTH)
  @IsTemplateKey()
  key: string;

  @ApiProperty({ example: 'Password reset' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty({ description: TEMPLATE_HELP, example: 'Reset your password, {{ data.name }}' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @NoLineBreaks()
  subject: string;

  @ApiPropertyOptional({ description: `${TEMPLATE_HELP}; html or text is required` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  html?: string;

  @ApiPropertyOptional({ description: `${TEMPLATE_HELP}; html or text is required` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  text?: string;

  @ApiPropertyOptional({ default: false, description: STRICT_HELP })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}

/** What is given changes, what is left out stays; any change is a new version. The key cannot change. */
export class UpdateTemplateDto {
  @ApiPropertyOptional({ example: 'Password reset' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name?: string;

  @ApiPropertyOptional({ description: TEMPLATE_HELP })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @NoLineBreaks()
  subject?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: `${TEMPLATE_HELP}; null removes the HTML part` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  html?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: `${TEMPLATE_HELP}; null removes the text part` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  text?: string | null;

  @ApiPropertyOptional({ description: STRICT_HELP })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  strict?: boolean;
}

export class ListTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the template with this key (a list of one, or none)', example: 'password-reset' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_KEY_LENGTH)
  key?: string;
}

/** A stored template rendered with what a send would give it. */
export class PreviewTemplateDto {
  @ApiPropertyOptional({ ...DATA_SCHEMA, description: 'What the template sees as `data`' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ ...MAILBOX_SCHEMA, description: 'What the template sees as `to`; without it, an empty address and no name' })
  @IsOptional()
  @IsMailbox()
  to?: MailboxInput;

  @ApiPropertyOptional({ minimum: 1, description: 'This version instead of the latest' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Content as the editor holds it, saved or not: a preview never stores anything. */
export class PreviewTemplateContentDto {
  @ApiProperty({ description: TEMPLATE_HELP, example: 'Hi {{ data.name }}' })
  @IsString()
  @MaxLength(998)
  @NoLineBreaks()
  subject: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: TEMPLATE_HELP })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  html?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: TEMPLATE_HELP })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  text?: string | null;

  @ApiPropertyOptional({ default: false, description: STRICT_HELP })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;

  @ApiPropertyOptional({ ...DATA_SCHEMA, description: 'What the template sees as `data`' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ ...MAILBOX_SCHEMA, description: 'What the template sees as `to`; without it, an empty address and no name' })
  @IsOptional()
  @IsMailbox()
  to?: MailboxInput;
}

export class TestTemplateDto {
  @ApiProperty({
    example: 'me@example.com',
    description: 'Where the test goes (also what the template sees as `to.email`); it is not tracked',
  })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  @NoLineBreaks()
  to: string;

  @ApiPropertyOptional({ ...DATA_SCHEMA, description: 'What the template sees as `data`' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, description: 'This version instead of the latest' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

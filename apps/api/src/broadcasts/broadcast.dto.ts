import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_TEMPLATE_LENGTH } from '@app/templating';
import { MAX_EMAIL_LENGTH } from '../contacts/email-address';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { IsMailbox } from '../messages/mailbox.validator';
import { MAILBOX_SCHEMA, type MailboxInput } from '../messages/message.dto';

const TEMPLATE_HELP =
  'Liquid template: {{ contact.email }}, {{ contact.first_name }}, {{ contact.last_name }}, {{ contact.attributes.<name> }}, {{ to.email }}, {{ to.name }}, {{ unsubscribe_url }}';
const TEMPLATE_ID_HELP =
  "A stored template whose content the broadcast takes instead of subject, html and text (not both); it is rendered for each contact, never strictly (a broadcast gives no data), and taken again from the template's latest version when the broadcast is sent";
const TEMPLATE_VERSION_HELP = "With templateId: this version instead of the template's latest when it is sent";

export class CreateBroadcastDto {
  @ApiProperty({ example: 'Spring sale' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  listId: string;

  @ApiPropertyOptional({ ...MAILBOX_SCHEMA, description: "One of the marketing integration's senders; default: its default sender" })
  @IsOptional()
  @IsMailbox()
  from?: MailboxInput;

  @ApiPropertyOptional({
    description: `${TEMPLATE_HELP}; required unless templateId is given`,
    example: 'Hi {{ contact.first_name }}, spring is here',
  })
  @ValidateIf((dto: CreateBroadcastDto) => dto.templateId === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @NoLineBreaks()
  subject?: string;

  @ApiPropertyOptional({ description: TEMPLATE_HELP })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  html?: string;

  @ApiPropertyOptional({ description: TEMPLATE_HELP })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  text?: string;

  @ApiPropertyOptional({ format: 'uuid', description: TEMPLATE_ID_HELP })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ minimum: 1, description: TEMPLATE_VERSION_HELP })
  @IsOptional()
  @IsInt()
  @Min(1)
  templateVersion?: number;

  @ApiPropertyOptional({ description: 'Start sending at this time instead of at once (when sent)', example: '2026-12-01T09:00:00Z' })
  @IsOptional()
  @IsDateString()
  scheduledAt?: string;
}

export class SendBroadcastDto {
  @ApiPropertyOptional({ description: 'Start at this time instead of now' })
  @IsOptional()
  @IsDateString()
  scheduledAt?: string;
}

/** A draft's fields, each optional; what is left out keeps its value. Only a draft can be changed. */
export class UpdateBroadcastDto {
  @ApiPropertyOptional({ example: 'Spring sale' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  listId?: string;

  // The object form only: OpenAPI 3.0 cannot make a oneOf nullable (the string form is accepted all the same).
  @ApiPropertyOptional({
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } },
    required: ['email'],
    nullable: true,
    description: "One of the marketing integration's senders; null: its default sender",
  })
  @IsOptional()
  @IsMailbox()
  from?: MailboxInput | null;

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

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: `${TEMPLATE_ID_HELP}; null keeps the content as it is, the broadcast's own. Changing subject, html or text makes it the broadcast's own too`,
  })
  @IsOptional()
  @IsUUID()
  templateId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, description: `${TEMPLATE_VERSION_HELP}; null: the latest` })
  @IsOptional()
  @IsInt()
  @Min(1)
  templateVersion?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Start sending at this time when sent; null: at once' })
  @IsOptional()
  @IsDateString()
  scheduledAt?: string | null;
}

/** Content as the editor holds it, saved or not: a preview never stores anything. */
export class PreviewBroadcastDto {
  @ApiProperty({ description: TEMPLATE_HELP, example: 'Hi {{ contact.first_name }}' })
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

  @ApiPropertyOptional({ format: 'uuid', description: 'Render for this contact; without one, contact fields are empty' })
  @IsOptional()
  @IsUUID()
  contactId?: string;
}

export class TestBroadcastDto {
  @ApiProperty({ example: 'me@example.com', description: 'Where the test goes; it is not a member of the list and is not tracked' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(MAX_EMAIL_LENGTH)
  @NoLineBreaks()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Render for this contact; without one, for a contact that is only the address `to`' })
  @IsOptional()
  @IsUUID()
  contactId?: string;
}

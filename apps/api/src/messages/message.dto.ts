import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MESSAGE_STATUSES, MESSAGE_TYPES, MessageStatus, MessageType } from '@app/database';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { PageQuery } from '../http/page-query.dto';
import { IsMailbox } from './mailbox.validator';
import { IsMailHeaders } from './mail-headers.validator';
import { MessageTemplateDto } from './message-template.dto';

export type MailboxInput = string | { email: string; name?: string };

export const MAILBOX_SCHEMA = {
  oneOf: [
    { type: 'string', format: 'email' },
    { type: 'object', properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } }, required: ['email'] },
  ],
};

// RFC 2045 §5.1: type/subtype and parameters, tokens or quoted strings; nothing that could end the header.
const CONTENT_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=([\w!#$&^.+-]+|"[^"\\\r\n]*"))*$/;
// The Content-ID a `cid:` URL names (RFC 2392), without the angle brackets the header adds.
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/;

export class MessageTrackingDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() opens?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() clicks?: boolean;
}

export class MessageAttachmentDto {
  @ApiProperty({
    example: 'invoice-2026-001.pdf',
    description: 'Paths and control characters are removed; executables and scripts are refused (ATTACHMENT_DENIED_EXTENSIONS)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  filename: string;

  @ApiProperty({ description: 'The file, base64 (RFC 4648; line breaks allowed)', example: 'JVBERi0xLjcK…' })
  @IsString()
  content: string;

  @ApiPropertyOptional({ example: 'application/pdf', description: "Default: the type the filename's extension stands for" })
  @IsOptional()
  @MaxLength(255)
  @Matches(CONTENT_TYPE, { message: '$property must be a MIME type such as application/pdf or text/csv; charset=utf-8' })
  contentType?: string;

  @ApiPropertyOptional({
    example: 'logo',
    description: 'Makes the file an inline part the HTML shows with <img src="cid:logo">',
  })
  @IsOptional()
  @Matches(CONTENT_ID, { message: '$property must be 1-250 visible ASCII characters without spaces, < or >' })
  contentId?: string;
}

export class SendMessageDto {
  @ApiPropertyOptional({
    enum: MESSAGE_TYPES,
    default: 'transactional',
    description: 'marketing mail goes to one recipient per message: one `to`, no cc or bcc (otherwise 422)',
  })
  @IsOptional()
  @IsIn(MESSAGE_TYPES)
  type?: MessageType;

  @ApiPropertyOptional({ ...MAILBOX_SCHEMA, description: "One of the integration's senders; default: its default sender" })
  @IsOptional()
  @IsMailbox()
  from?: MailboxInput;

  @ApiProperty({ type: 'array', items: MAILBOX_SCHEMA })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsMailbox({ each: true })
  to: MailboxInput[];

  @ApiPropertyOptional({ type: 'array', items: MAILBOX_SCHEMA })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsMailbox({ each: true })
  cc?: MailboxInput[];

  @ApiPropertyOptional({ type: 'array', items: MAILBOX_SCHEMA })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsMailbox({ each: true })
  bcc?: MailboxInput[];

  @ApiPropertyOptional({ ...MAILBOX_SCHEMA })
  @IsOptional()
  @IsMailbox()
  replyTo?: MailboxInput;

  @ApiPropertyOptional({ example: 'Reset your password', description: 'Required unless `template` is given' })
  @ValidateIf((dto: SendMessageDto) => dto.template === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @NoLineBreaks()
  subject?: string;

  @ApiPropertyOptional({
    type: MessageTemplateDto,
    description: 'A stored template, rendered when the message is accepted, instead of subject, html and text (not both)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTemplateDto)
  template?: MessageTemplateDto;

  @ApiPropertyOptional({ description: 'HTML body; html or text is required' })
  @IsOptional()
  @IsString()
  html?: string;

  @ApiPropertyOptional({ description: 'Plain-text body; html or text is required' })
  @IsOptional()
  @IsString()
  text?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { 'X-Campaign': 'spring' } })
  @IsOptional()
  @IsMailHeaders()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: MessageTrackingDto, description: 'Overrides the workspace defaults' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTrackingDto)
  tracking?: MessageTrackingDto;

  @ApiPropertyOptional({ type: [String], example: ['welcome'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @NoLineBreaks({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [MessageAttachmentDto],
    description:
      'At most MESSAGE_MAX_ATTACHMENTS files (20) of MESSAGE_MAX_ATTACHMENT_BYTES (10 MiB) decoded together, else 413; ' +
      'invalid base64 is a 400 naming the attachment, a refused type a 422',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MessageAttachmentDto)
  attachments?: MessageAttachmentDto[];
}

export class BatchSendDto {
  @ApiProperty({ type: [SendMessageDto], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SendMessageDto)
  messages: SendMessageDto[];
}

export class ListMessagesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ApiPropertyOptional({ description: 'Recipient address (to)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ enum: MESSAGE_TYPES })
  @IsOptional()
  @IsIn(MESSAGE_TYPES)
  type?: MessageType;

  @ApiPropertyOptional({ description: 'Created at or after this time (ISO 8601)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'since must be an ISO 8601 timestamp, e.g. 2026-12-01T00:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ description: 'Created before this time (ISO 8601)', example: '2026-12-02T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'until must be an ISO 8601 timestamp, e.g. 2026-12-02T00:00:00Z' })
  until?: string;

  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Only messages whose recipient complained (a feedback report read back from the watched mailbox)',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'complained must be "true" (leave it out for every message)' })
  complained?: 'true';
}

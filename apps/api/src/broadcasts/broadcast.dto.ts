import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_TEMPLATE_LENGTH } from '@app/templating';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { IsMailbox } from '../messages/mailbox.validator';
import type { MailboxInput } from '../messages/message.dto';

const TEMPLATE_HELP =
  'Liquid template: {{ contact.email }}, {{ contact.first_name }}, {{ contact.last_name }}, {{ contact.attributes.<name> }}, {{ unsubscribe_url }}';

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

  @ApiPropertyOptional({ description: "One of the marketing integration's senders; default: its default sender" })
  @IsOptional()
  @IsMailbox()
  from?: MailboxInput;

  @ApiProperty({ description: TEMPLATE_HELP, example: 'Hi {{ contact.first_name }}, spring is here' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @NoLineBreaks()
  subject: string;

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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, WebhookDeliveryStatus } from '@app/database';
import { NoLineBreaks } from '../http/no-line-breaks.validator';
import { PageQuery } from '../http/page-query.dto';

/** Every type an endpoint can ask for; `webhook.test` goes to the endpoint tested whatever it asked for. */
export const SUBSCRIBABLE_TYPES = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'webhook.test');
const EVENT_CHOICES = ['*', ...SUBSCRIBABLE_TYPES];

const URL_MESSAGE = 'url must be an absolute http or https URL, such as https://example.com/webhooks/mailroom';

const AllAlone = () =>
  ValidateBy({
    name: 'allAlone',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || !value.includes('*') || value.length === 1,
      defaultMessage: () => 'events: * stands for every type and goes alone',
    },
  });

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/webhooks/mailroom', description: 'https in production; must reach the public internet' })
  @IsString({ message: URL_MESSAGE })
  @MaxLength(2048)
  @NoLineBreaks()
  url: string;

  @ApiProperty({ enum: EVENT_CHOICES, isArray: true, example: ['message.sent', 'message.failed'], description: '["*"] for every type' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_CHOICES.length)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true, message: `each value in events must be * or one of: ${SUBSCRIBABLE_TYPES.join(', ')}` })
  @AllAlone()
  events: string[];

  @ApiPropertyOptional({ example: 'Order system', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://example.com/webhooks/mailroom' })
  @IsOptional()
  @IsString({ message: URL_MESSAGE })
  @MaxLength(2048)
  @NoLineBreaks()
  url?: string;

  @ApiPropertyOptional({ enum: EVENT_CHOICES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_CHOICES.length)
  @ArrayUnique()
  @IsIn(EVENT_CHOICES, { each: true, message: `each value in events must be * or one of: ${SUBSCRIBABLE_TYPES.join(', ')}` })
  @AllAlone()
  events?: string[];

  @ApiPropertyOptional({ maxLength: 500, description: 'An empty string removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'false stops deliveries (pending ones wait); true resumes them' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class DeliveryLogQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class ReplayDto {
  @ApiProperty({ format: 'date-time', description: 'Failed deliveries made at or after this time are sent again' })
  @IsDateString({ strict: true }, { message: 'since must be an ISO 8601 date-time, such as 2026-12-01T10:00:00Z' })
  since: string;
}

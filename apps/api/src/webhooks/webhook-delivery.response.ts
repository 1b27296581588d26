import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '@app/database';
import type { DeliveryLogEntry } from '@app/webhooks';

export class WebhookAttemptResponse {
  @ApiProperty() at: Date;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The HTTP status; null when no answer came' })
  statusCode: number | null;

  @ApiProperty({ description: 'How long the attempt took, in milliseconds' }) ms: number;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The first kilobyte of the response body' })
  response: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why no answer came: a timeout, a refused address, a connection error',
  })
  error: string | null;

  static from(
    attempt: Pick<WebhookDeliveryAttemptEntity, 'at' | 'statusCode' | 'durationMs' | 'response' | 'error'>,
  ): WebhookAttemptResponse {
    return { at: attempt.at, statusCode: attempt.statusCode, ms: attempt.durationMs, response: attempt.response, error: attempt.error };
  }
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The webhook-id header: the same on every attempt and every endpoint' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) type: WebhookEventType;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ type: [WebhookAttemptResponse], description: 'Oldest first' }) attempts: WebhookAttemptResponse[];
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the next attempt goes; null once delivered or failed' })
  nextAttemptAt: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body posted: {type, timestamp, data}' })
  payload: Record<string, unknown>;
  @ApiProperty() createdAt: Date;

  static from({ delivery, type, body, attempts }: DeliveryLogEntry): WebhookDeliveryResponse {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      type,
      status: delivery.status,
      attempts: attempts.map(WebhookAttemptResponse.from),
      nextAttemptAt: delivery.nextAttemptAt,
      payload: JSON.parse(body) as Record<string, unknown>,
      createdAt: delivery.createdAt,
    };
  }
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) data: WebhookDeliveryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class WebhookTestResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, description: 'pending: no 2xx, retried on the schedule' }) status: WebhookDeliveryStatus;
  @ApiProperty({ type: WebhookAttemptResponse }) attempt: WebhookAttemptResponse;
  @ApiPropertyOptional({ nullable: true, type: Date }) nextAttemptAt: Date | null;
}

export class ReplayResponse {
  @ApiProperty({ description: 'Failed deliveries due again now' }) replayed: number;
}

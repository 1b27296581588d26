import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookEndpointEntity } from '@app/database';
import { SUBSCRIBABLE_TYPES } from './webhook.dto';

export const ENDPOINT_STATES = ['active', 'failing', 'disabled'] as const;
export type EndpointState = (typeof ENDPOINT_STATES)[number];

export class WebhookStatusResponse {
  @ApiProperty({
    enum: ENDPOINT_STATES,
    description: 'disabled: nothing is sent (see reason); failing: the last attempts got no 2xx; active: otherwise',
  })
  state: EndpointState;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the endpoint is disabled or failing, and what to do' })
  reason: string | null;

  @ApiPropertyOptional({ nullable: true, type: Date }) disabledAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastSuccessAt: Date | null;

  @ApiPropertyOptional({ nullable: true, type: Date, description: 'The first failed attempt since the last successful one' })
  failingSince: Date | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'What the last failed attempt got, e.g. "HTTP 503"' })
  lastError: string | null;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['*', ...SUBSCRIBABLE_TYPES], isArray: true }) events: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: WebhookStatusResponse }) status: WebhookStatusResponse;

  @ApiPropertyOptional({ nullable: true, type: Date, description: 'Until when the secret replaced by the last rotation still signs' })
  previousSecretExpiresAt: Date | null;

  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  /** The secret never leaves, but in the answers that create or rotate it. */
  static from(endpoint: WebhookEndpointEntity): WebhookResponse {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      events: endpoint.eventTypes,
      enabled: endpoint.enabled,
      status: statusOf(endpoint),
      previousSecretExpiresAt:
        endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > Date.now()
          ? endpoint.previousSecretExpiresAt
          : null,
      createdAt: endpoint.createdAt,
      updatedAt: endpoint.updatedAt,
    };
  }
}

function statusOf(endpoint: WebhookEndpointEntity): WebhookStatusResponse {
  const { enabled, failingSince, lastError } = endpoint;
  const state: EndpointState = !enabled ? 'disabled' : failingSince ? 'failing' : 'active';
  const failing = failingSince
    ? `No attempt has got a 2xx since ${failingSince.toISOString()}; the last got ${lastError}. Deliveries are retried on the schedule.`
    : null;
  return {
    state,
    reason: state === 'disabled' ? endpoint.disabledReason : failing,
    disabledAt: enabled ? null : endpoint.disabledAt,
    lastSuccessAt: endpoint.lastSuccessAt,
    failingSince,
    lastError,
  };
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks, whsec_…). Shown only in this response; store it now.' })
  secret: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) data: WebhookResponse[];
}

export class RotatedSecretResponse {
  @ApiProperty({ description: 'The new signing secret. Shown only in this response.' }) secret: string;

  @ApiProperty({ description: 'Until then requests carry a signature with the previous secret too' })
  previousSecretExpiresAt: Date;
}

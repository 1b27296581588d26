import type { BroadcastEntity, IntegrationState, MessageEntity, WebhookEventType } from '@app/database';

/** An occurrence to report, before it is written to the outbox (which gives it its id). */
export interface WebhookEvent {
  workspaceId: string;
  type: WebhookEventType;
  at: Date;
  data: Record<string, unknown>;
}

/** What every `message.*` event says of its message: who it went to, and the tags and metadata given at send. */
export type WebhookMessage = Pick<MessageEntity, 'id' | 'workspaceId' | 'to' | 'tags' | 'metadata' | 'broadcastId'>;

/** The body posted: `{type, timestamp, data}`, as Standard Webhooks suggests. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data });
}

export function messageEvent(
  type: WebhookEventType,
  message: WebhookMessage,
  fields: Record<string, unknown>,
  at = new Date(),
): WebhookEvent {
  return {
    workspaceId: message.workspaceId,
    type,
    at,
    data: {
      workspaceId: message.workspaceId,
      messageId: message.id,
      broadcastId: message.broadcastId ?? null,
      to: message.to,
      tags: message.tags,
      metadata: message.metadata,
      ...fields,
    },
  };
}

export type BroadcastWebhookType = Extract<WebhookEventType, `broadcast.${string}`>;

export function broadcastEvent(
  type: BroadcastWebhookType,
  broadcast: Pick<
    BroadcastEntity,
    'id' | 'workspaceId' | 'name' | 'listId' | 'status' | 'recipients' | 'skipped' | 'startedAt' | 'finishedAt'
  >,
): WebhookEvent {
  return {
    workspaceId: broadcast.workspaceId,
    type,
    at: new Date(),
    data: {
      workspaceId: broadcast.workspaceId,
      broadcastId: broadcast.id,
      name: broadcast.name,
      listId: broadcast.listId,
      status: broadcast.status,
      recipients: broadcast.recipients,
      skipped: broadcast.skipped,
      startedAt: broadcast.startedAt,
      finishedAt: broadcast.finishedAt,
    },
  };
}

export interface IntegrationStatusChange {
  previousState: IntegrationState;
  state: IntegrationState;
  lastError: string | null;
  hint: string | null;
}

export function integrationStatusEvent(
  integration: { id: string; workspaceId: string; name: string },
  change: IntegrationStatusChange,
): WebhookEvent {
  return {
    workspaceId: integration.workspaceId,
    type: 'integration.status_changed',
    at: new Date(),
    data: { workspaceId: integration.workspaceId, integrationId: integration.id, name: integration.name, ...change },
  };
}

export function testEvent(endpoint: { id: string; workspaceId: string }): WebhookEvent {
  return {
    workspaceId: endpoint.workspaceId,
    type: 'webhook.test',
    at: new Date(),
    data: {
      workspaceId: endpoint.workspaceId,
      endpointId: endpoint.id,
      message: 'A test event from Mailroom: your endpoint is reachable.',
    },
  };
}

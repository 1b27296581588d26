import { Column, Entity, PrimaryColumn } from 'typeorm';

export const WEBHOOK_EVENT_TYPES = [
  'message.sent',
  'message.deferred',
  'message.failed',
  'message.suppressed',
  'message.opened',
  'message.clicked',
  'message.unsubscribed',
  'message.bounced',
  'message.complained',
  'broadcast.started',
  'broadcast.paused',
  'broadcast.resumed',
  'broadcast.completed',
  'broadcast.cancelled',
  'integration.status_changed',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * One occurrence, as every endpoint receives it: its id is the `webhook-id` header, the same on
 * every attempt, so receivers can deduplicate. `body` is the JSON posted, fixed when the event
 * happened, so each retry signs and sends the same bytes.
 */
@Entity({ name: 'webhook_events', synchronize: false })
export class WebhookEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  type: WebhookEventType;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

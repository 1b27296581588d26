import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_EVENT_TYPES = [
  'sent',
  'failed',
  'retry',
  'open',
  'click',
  'unsubscribe',
  'suppressed',
  'tracking_skipped',
  'bounce',
  'complaint',
] as const;
export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number];

/** What a delivery report said of one recipient: 5.x.x is hard (the address is dead), 4.x.x soft. */
export interface BounceParticulars {
  recipient: string;
  kind: 'hard' | 'soft';
  status: string;
  diagnostic: string | null;
  reportingMta: string | null;
}

/** What a feedback report (RFC 5965) said: who complained, and what kind of feedback it was. */
export interface ComplaintParticulars {
  recipient: string;
  feedbackType: string;
}

/** What happened to a message, in order, keyed by the message. The first table to partition by time when it grows. */
@Entity({ name: 'message_events', synchronize: false })
export class MessageEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text' })
  type: MessageEventType;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'boolean', default: false })
  bot: boolean;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /** Set on `bounce` and `complaint` events only. */
  @Column({ type: 'jsonb', nullable: true })
  report: BounceParticulars | ComplaintParticulars | null;
}

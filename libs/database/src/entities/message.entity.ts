import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const MESSAGE_TYPES = ['transactional', 'marketing'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'bounced'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface Mailbox {
  email: string;
  name?: string;
}

/**
 * One accepted message. The row is committed before the API answers and is the source of
 * truth for delivery: queue jobs only point at it.
 */
@Entity({ name: 'messages', synchronize: false })
export class MessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @Column({ type: 'text' })
  type: MessageType;

  @Column({ type: 'text', default: 'queued' })
  status: MessageStatus;

  @Column({ name: 'from_email', type: 'text' })
  fromEmail: string;

  @Column({ name: 'from_name', type: 'text', nullable: true })
  fromName: string | null;

  @Column({ name: 'to', type: 'jsonb' })
  to: Mailbox[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  cc: Mailbox[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  bcc: Mailbox[];

  @Column({ name: 'reply_to', type: 'text', nullable: true })
  replyTo: string | null;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  headers: Record<string, string>;

  @Column({ name: 'tracking_opens', type: 'boolean' })
  trackingOpens: boolean;

  @Column({ name: 'tracking_clicks', type: 'boolean' })
  trackingClicks: boolean;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata: Record<string, unknown>;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'idempotency_fingerprint', type: 'text', nullable: true })
  idempotencyFingerprint: string | null;

  /** Our Message-ID header, `<id@sender-domain>`, fixed at acceptance so retries keep it. */
  @Column({ name: 'message_id_header', type: 'text' })
  messageIdHeader: string;

  /** Decoded bytes of the message's attachments together; 0 when it has none (or they were purged or erased). */
  @Column({ name: 'attachment_bytes', type: 'integer', default: 0 })
  attachmentBytes: number;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse: string | null;

  /** When the recipient first complained (a feedback report read back from the watched mailbox). */
  @Column({ name: 'complained_at', type: 'timestamptz', nullable: true })
  complainedAt: Date | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'error_hint', type: 'text', nullable: true })
  errorHint: string | null;

  /** Until when the worker that set `sending` owns the message; after it, the reconciler takes it back. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** Set for broadcast mail: the list it went to (unsubscribes are per list) and its origin. */
  @Column({ name: 'list_id', type: 'uuid', nullable: true })
  listId: string | null;

  @Column({ name: 'broadcast_id', type: 'uuid', nullable: true })
  broadcastId: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

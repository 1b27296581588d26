import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const BROADCAST_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * One marketing mail to every subscribed member of a list. Fan-out walks the list by contact id
 * and remembers where it is (`fanoutCursor`), so pausing, resuming or a worker restart carries on
 * exactly where it stopped.
 */
@Entity({ name: 'broadcasts', synchronize: false })
export class BroadcastEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'list_id', type: 'uuid' })
  listId: string;

  @Column({ name: 'from_email', type: 'text', nullable: true })
  fromEmail: string | null;

  @Column({ name: 'from_name', type: 'text', nullable: true })
  fromName: string | null;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  /**
   * The stored template the content was copied from, when it was made from one; the copy is taken
   * again from the template's latest version when it is sent, unless `templateVersion` names one.
   * Null once the template is deleted or the content is written by hand.
   */
  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @Column({ name: 'template_version', type: 'integer', nullable: true })
  templateVersion: number | null;

  @Column({ type: 'text', default: 'draft' })
  status: BroadcastStatus;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** The last contact id fanned out; null before the first page. */
  @Column({ name: 'fanout_cursor', type: 'uuid', nullable: true })
  fanoutCursor: string | null;

  @Column({ name: 'fanout_done', type: 'boolean', default: false })
  fanoutDone: boolean;

  @Column({ type: 'integer', default: 0 })
  recipients: number;

  /** Members left out because they unsubscribed from the list or are suppressed. */
  @Column({ type: 'integer', default: 0 })
  skipped: number;

  /** Why a `failed` broadcast stopped, e.g. a template that reached a render limit. */
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

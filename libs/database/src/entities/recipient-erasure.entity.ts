import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorType } from './audit-event.entity';

/**
 * A request to erase one address from a workspace, done by the worker in bounded batches. The
 * address is kept only until then; who asked is kept so the audit log can say who it was done for.
 */
@Entity({ name: 'recipient_erasures', synchronize: false })
export class RecipientErasureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** Lower case; null once the erasure is done. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: AuditActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** What the erasure changed: messages that named the address, contacts deleted, suppressions kept as a hash only. */
  @Column({ type: 'integer' })
  messages: number;

  @Column({ type: 'integer' })
  contacts: number;

  @Column({ type: 'integer' })
  suppressions: number;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SUPPRESSION_REASONS = ['unsubscribe', 'manual', 'bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * An address that must not get marketing mail: from the whole workspace (no list) or from one
 * list. Transactional mail skips only workspace-wide bounce and complaint suppressions, and only
 * while the workspace's `suppressTransactionalOnBounce` is on.
 */
@Entity({ name: 'suppressions', synchronize: false })
export class SuppressionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** Lower case; null once the address was erased (recipient erasure), when only `emailHash` still matches it. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** `address_hash(workspace_id, email)`, filled by a trigger: every lookup goes by it. */
  @Column({ name: 'email_hash', type: 'text', insert: false, update: false, select: false })
  emailHash: string;

  @Column({ name: 'list_id', type: 'uuid', nullable: true })
  listId: string | null;

  @Column({ type: 'text' })
  reason: SuppressionReason;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

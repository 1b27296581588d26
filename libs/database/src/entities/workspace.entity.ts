import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'workspaces', synchronize: false })
export class WorkspaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'tracking_opens', type: 'boolean', default: true })
  trackingOpens: boolean;

  @Column({ name: 'tracking_clicks', type: 'boolean', default: true })
  trackingClicks: boolean;

  /** SecretBox ciphertext of the HMAC key that signs this workspace's tracking and unsubscribe links. */
  @Column({ name: 'tracking_key_encrypted', type: 'text', nullable: true, select: false })
  trackingKeyEncrypted: string | null;

  /** Members must have a second factor to act in this workspace. */
  @Column({ name: 'require_totp', type: 'boolean', default: false })
  requireTotp: boolean;

  /** Days message bodies (html, text, attachments, tracked links) are kept. */
  @Column({ name: 'retention_bodies_days', type: 'integer', default: 30 })
  retentionBodiesDays: number;

  /** Days messages and their events are kept at all. */
  @Column({ name: 'retention_metadata_days', type: 'integer', default: 400 })
  retentionMetadataDays: number;

  /** A hard bounce or a complaint also stops transactional mail to the address. */
  @Column({ name: 'suppress_transactional_on_bounce', type: 'boolean', default: true })
  suppressTransactionalOnBounce: boolean;

  /** Bodies of messages created before this were purged; the next purge starts here. */
  @Column({ name: 'bodies_purged_before', type: 'timestamptz', nullable: true, select: false })
  bodiesPurgedBefore: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

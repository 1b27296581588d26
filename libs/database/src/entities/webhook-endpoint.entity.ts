import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where a workspace wants its events posted. `eventTypes` holds the types it subscribed to, or
 * `*` for all. The secret columns hold SecretBox ciphertexts bound to the row; the previous
 * secret still signs until `previousSecretExpiresAt` after a rotation.
 */
@Entity({ name: 'webhook_endpoints', synchronize: false })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why the endpoint is disabled, in words: a person's choice, or Mailroom's after days without a successful delivery. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted: string;

  @Column({ name: 'previous_secret_encrypted', type: 'text', nullable: true })
  previousSecretEncrypted: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  /** The first failed attempt since the last successful one; null while deliveries succeed. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  /** What the last failed attempt got (a status code, a timeout, a refused address). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The worker job delivering to the endpoint now, until when; see WebhookEndpointsRepository.acquire. */
  @Column({ name: 'owner_token', type: 'uuid', nullable: true })
  ownerToken: string | null;

  @Column({ name: 'owned_until', type: 'timestamptz', nullable: true })
  ownedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

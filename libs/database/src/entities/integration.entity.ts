import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SenderEntity } from './sender.entity';

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const AUTH_TYPES = ['none', 'basic', 'oauth2'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];
export const OAUTH_PROVIDERS = ['microsoft', 'google'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
export const OAUTH_FLOWS = ['client_credentials', 'refresh_token'] as const;
export type OAuthFlow = (typeof OAUTH_FLOWS)[number];
export const INTEGRATION_STATES = ['untested', 'ok', 'failing', 'needs_reconnect'] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];
export const BOUNCE_AUTH_TYPES = ['same', 'basic'] as const;
export type BounceAuthType = (typeof BOUNCE_AUTH_TYPES)[number];
export const ENVELOPE_SENDERS = ['watched_mailbox', 'from'] as const;
export type EnvelopeSender = (typeof ENVELOPE_SENDERS)[number];
export const BOUNCE_STATES = ['pending', 'ok', 'failing', 'disabled'] as const;
export type BounceState = (typeof BOUNCE_STATES)[number];

/**
 * A workspace's SMTP server. Secret columns hold SecretBox ciphertexts bound to the row id;
 * `credentialsVersion` changes whenever anything that affects authentication changes, which
 * drops cached access tokens and pooled transports built from the old values.
 */
@Entity({ name: 'integrations', synchronize: false })
export class IntegrationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  host: string;

  @Column({ type: 'integer' })
  port: number;

  @Column({ type: 'text' })
  security: SmtpSecurity;

  @Column({ name: 'ehlo_hostname', type: 'text', nullable: true })
  ehloHostname: string | null;

  @Column({ name: 'allow_self_signed_certificate', type: 'boolean', default: false })
  allowSelfSignedCertificate: boolean;

  @Column({ name: 'auth_type', type: 'text' })
  authType: AuthType;

  @Column({ name: 'auth_username', type: 'text', nullable: true })
  username: string | null;

  @Column({ name: 'oauth_provider', type: 'text', nullable: true })
  provider: OAuthProvider | null;

  @Column({ name: 'oauth_flow', type: 'text', nullable: true })
  flow: OAuthFlow | null;

  @Column({ name: 'oauth_tenant_id', type: 'text', nullable: true })
  tenantId: string | null;

  @Column({ name: 'oauth_client_id', type: 'text', nullable: true })
  clientId: string | null;

  @Column({ name: 'password_encrypted', type: 'text', nullable: true })
  passwordEncrypted: string | null;

  @Column({ name: 'client_secret_encrypted', type: 'text', nullable: true })
  clientSecretEncrypted: string | null;

  @Column({ name: 'refresh_token_encrypted', type: 'text', nullable: true })
  refreshTokenEncrypted: string | null;

  @Column({ name: 'credentials_version', type: 'integer', default: 1 })
  credentialsVersion: number;

  @Column({ name: 'usage_transactional', type: 'boolean', default: false })
  usageTransactional: boolean;

  @Column({ name: 'usage_marketing', type: 'boolean', default: false })
  usageMarketing: boolean;

  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute: number | null;

  @Column({ name: 'max_connections', type: 'integer', default: 5 })
  maxConnections: number;

  @Column({ name: 'status_state', type: 'text', default: 'untested' })
  statusState: IntegrationState;

  @Column({ name: 'status_last_error', type: 'text', nullable: true })
  statusLastError: string | null;

  @Column({ name: 'status_hint', type: 'text', nullable: true })
  statusHint: string | null;

  @Column({ name: 'status_checked_at', type: 'timestamptz', nullable: true })
  statusCheckedAt: Date | null;

  /** Bounce processing: the mailbox delivery reports and complaints come back to, read over IMAP. */
  @Column({ name: 'bounces_enabled', type: 'boolean', default: false })
  bouncesEnabled: boolean;

  @Column({ name: 'bounces_host', type: 'text', nullable: true })
  bouncesHost: string | null;

  @Column({ name: 'bounces_port', type: 'integer', nullable: true })
  bouncesPort: number | null;

  @Column({ name: 'bounces_security', type: 'text', nullable: true })
  bouncesSecurity: SmtpSecurity | null;

  @Column({ name: 'bounces_folder', type: 'text', default: 'INBOX' })
  bouncesFolder: string;

  @Column({ name: 'bounces_processed_folder', type: 'text', default: 'Mailroom/Processed' })
  bouncesProcessedFolder: string;

  /** `same`: log in with the integration's own credentials; `basic`: with the login below. */
  @Column({ name: 'bounces_auth_type', type: 'text', default: 'same' })
  bouncesAuthType: BounceAuthType;

  @Column({ name: 'bounces_username', type: 'text', nullable: true })
  bouncesUsername: string | null;

  @Column({ name: 'bounces_password_encrypted', type: 'text', nullable: true })
  bouncesPasswordEncrypted: string | null;

  @Column({ name: 'bounces_envelope_sender', type: 'text', default: 'watched_mailbox' })
  bouncesEnvelopeSender: EnvelopeSender;

  @Column({ name: 'bounces_state', type: 'text', default: 'disabled' })
  bouncesState: BounceState;

  @Column({ name: 'bounces_last_error', type: 'text', nullable: true })
  bouncesLastError: string | null;

  @Column({ name: 'bounces_hint', type: 'text', nullable: true })
  bouncesHint: string | null;

  @Column({ name: 'bounces_checked_at', type: 'timestamptz', nullable: true })
  bouncesCheckedAt: Date | null;

  @OneToMany(() => SenderEntity, (sender) => sender.integration, { cascade: true })
  senders: SenderEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person who signs in. Email is unique regardless of case (the index is on lower(email)). */
@Entity({ name: 'users', synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** argon2id PHC string; never selected unless asked for. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  /** Runs the deployment: what the platform admin token can do, this person can do. */
  @Column({ name: 'is_operator', type: 'boolean', default: false })
  isOperator: boolean;

  /** SecretBox ciphertext of the RFC 6238 secret; set while enrolling, enabled once confirmed. */
  @Column({ name: 'totp_secret_encrypted', type: 'text', nullable: true, select: false })
  totpSecretEncrypted: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** sha256 of each unused recovery code. */
  @Column({ name: 'recovery_code_hashes', type: 'text', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

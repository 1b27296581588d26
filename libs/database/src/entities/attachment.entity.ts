import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A file sent as an attachment, stored once per workspace by the sha256 of its bytes. Its
 * content is never loaded with the row: the worker reads it in slices while the mail goes out.
 */
@Entity({ name: 'attachments', synchronize: false })
export class AttachmentEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** Lower-case hex. */
  @PrimaryColumn({ type: 'text' })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Touched whenever a message links the file again; the purge leaves recently used files alone. */
  @Column({ name: 'last_used_at', type: 'timestamptz' })
  lastUsedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One attachment of a message, in the order given: the stored file and what the message calls it. */
@Entity({ name: 'message_attachments', synchronize: false })
export class MessageAttachmentEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  filename: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  /** Set for an inline part, which the HTML shows as `cid:<contentId>`. */
  @Column({ name: 'content_id', type: 'text', nullable: true })
  contentId: string | null;
}

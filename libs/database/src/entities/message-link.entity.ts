import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The original target of a tracked link: click tokens name (message, index), never the URL. */
@Entity({ name: 'message_links', synchronize: false })
export class MessageLinkEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ name: 'link_index', type: 'integer' })
  linkIndex: number;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  url: string;
}

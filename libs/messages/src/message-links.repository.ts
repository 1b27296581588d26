import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MessageLinkEntity } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

@Injectable()
export class MessageLinksRepository {
  constructor(@InjectRepository(MessageLinkEntity) private readonly links: Repository<MessageLinkEntity>) {}

  /** Idempotent, so a retried delivery that rewrites the same HTML again changes nothing. */
  async save(workspaceId: WorkspaceId, messageId: string, urls: string[]): Promise<void> {
    if (urls.length === 0) return;
    await this.links.query(
      `INSERT INTO "public"."message_links" (message_id, link_index, workspace_id, url)
       SELECT $1, i - 1, $2, url FROM unnest($3::text[]) WITH ORDINALITY AS t(url, i)
       ON CONFLICT DO NOTHING`,
      [messageId, workspaceId, urls],
    );
  }

  /** Every link of a message by index, for the click redirect (the token was verified before). */
  async of(messageId: string): Promise<string[]> {
    const rows = await this.links.find({ where: { messageId }, order: { linkIndex: 'ASC' } });
    return rows.map((row) => row.url);
  }
}

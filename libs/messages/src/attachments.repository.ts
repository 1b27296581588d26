import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AttachmentEntity, errorCodeOf } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

// A message linked a file between the purge's check and its delete (see dropUnlinked).
const FOREIGN_KEY_VIOLATION = '23503';

/** A decoded file to keep, named by the sha256 of its bytes (lower-case hex). */
export interface NewAttachment {
  sha256: string;
  content: Buffer;
}

/** One attachment of a message as it is sent and shown: the stored file and what the message calls it. */
export interface MessageAttachment {
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
  contentId: string | null;
}

/** The attachments of one message, in order, as `insertLinks` writes them. */
export interface MessageAttachmentLinks {
  messageId: string;
  attachments: MessageAttachment[];
}

/**
 * Attachment files, stored once per workspace by content, and the links of messages to them.
 * Contents travel to and from PostgreSQL as binary parameters and slices, never as whole rows of
 * a query that also reads other columns.
 */
@Injectable()
export class AttachmentsRepository {
  constructor(@InjectRepository(AttachmentEntity) private readonly attachments: Repository<AttachmentEntity>) {}

  /**
   * Keeps each file once: a file the workspace already has is only marked as used again (its
   * bytes are not sent to PostgreSQL a second time), the others are inserted one statement each,
   * so each content is one binary parameter rather than a hex-escaped element of an array.
   */
  async store(workspaceId: WorkspaceId, files: NewAttachment[]): Promise<void> {
    const unique = [...new Map(files.map((file) => [file.sha256, file])).values()];
    if (unique.length === 0) return;
    const [known] = (await this.attachments.query(
      `UPDATE "public"."attachments" SET last_used_at = now()
       WHERE workspace_id = $1 AND sha256 = ANY($2::text[])
       RETURNING sha256`,
      [workspaceId, unique.map((file) => file.sha256)],
    )) as [Array<{ sha256: string }>, number];
    const stored = new Set(known.map((row) => row.sha256));
    for (const file of unique.filter((candidate) => !stored.has(candidate.sha256))) {
      // Two requests storing the same new file at once: the second only marks it as used.
      await this.attachments.query(
        `INSERT INTO "public"."attachments" (workspace_id, sha256, size, content) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, sha256) DO UPDATE SET last_used_at = now()`,
        [workspaceId, file.sha256, file.content.length, file.content],
      );
    }
  }

  /** Links messages to files `store` has kept, in one statement, inside the transaction that inserts the messages. */
  async insertLinks(workspaceId: WorkspaceId, messages: MessageAttachmentLinks[], manager: EntityManager): Promise<void> {
    const rows = messages.flatMap(({ messageId, attachments }) =>
      attachments.map((attachment, position) => ({ messageId, position, ...attachment })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO "public"."message_attachments" (message_id, position, workspace_id, sha256, filename, content_type, content_id)
       SELECT "messageId", position, $1, sha256, filename, "contentType", "contentId"
       FROM json_to_recordset($2::json) AS t("messageId" uuid, position smallint, sha256 text, filename text,
         "contentType" text, "contentId" text)`,
      [workspaceId, JSON.stringify(rows)],
    );
  }

  /** A message's attachments in the order they were given; never their content. */
  ofMessage(workspaceId: WorkspaceId, messageId: string): Promise<MessageAttachment[]> {
    return this.attachments.query(
      `SELECT l.sha256, a.size, l.filename, l.content_type AS "contentType", l.content_id AS "contentId"
       FROM "public"."message_attachments" l
       JOIN "public"."attachments" a ON a.workspace_id = l.workspace_id AND a.sha256 = l.sha256
       WHERE l.workspace_id = $1 AND l.message_id = $2
       ORDER BY l.position`,
      [workspaceId, messageId],
    );
  }

  /**
   * `length` bytes of a file from byte `offset` (0-based); fewer at its end, none past it; null
   * without the file. The content is stored uncompressed out of line, so PostgreSQL reads only the
   * TOAST chunks of the slice: each read costs the same wherever it starts in the file. (It comes
   * as hex text: pg's per-query `binary` results decode every field as UTF-8 text first.)
   */
  async readSlice(workspaceId: WorkspaceId, sha256: string, offset: number, length: number): Promise<Buffer | null> {
    const [row] = (await this.attachments.query(
      `SELECT substring(content FROM $3::int + 1 FOR $4::int) AS slice FROM "public"."attachments" WHERE workspace_id = $1 AND sha256 = $2`,
      [workspaceId, sha256, offset, length],
    )) as Array<{ slice: Buffer }>;
    return row ? row.slice : null;
  }

  /**
   * Deletes those of `files` that no message links to any more and that were not stored or used
   * again since `unusedSince`: a send stores its files just before it inserts the links, and the
   * grace keeps a purge from taking a file in between. Should a link still arrive, its foreign key
   * makes the deletion fail instead, and the file waits for the next purge.
   */
  async dropUnlinked(workspaceId: WorkspaceId, files: string[], unusedSince: Date): Promise<number> {
    if (files.length === 0) return 0;
    return this.dropWhere(`a.sha256 = ANY($3::text[]) AND a.last_used_at < $2`, [workspaceId, unusedSince, files]);
  }

  /**
   * Deletes up to `limit` files that were never linked or lost their links without a purge
   * noticing (a send whose messages were refused after its files were stored, an Idempotency-Key
   * repeated with other files), unused since `unusedSince`.
   */
  dropOrphans(workspaceId: WorkspaceId, unusedSince: Date, limit: number): Promise<number> {
    return this.dropWhere(
      `a.sha256 IN (SELECT o.sha256 FROM "public"."attachments" o WHERE o.workspace_id = $1 AND o.last_used_at < $2
         AND NOT EXISTS (SELECT 1 FROM "public"."message_attachments" l WHERE l.workspace_id = o.workspace_id AND l.sha256 = o.sha256)
         LIMIT $3)`,
      [workspaceId, unusedSince, limit],
    );
  }

  private async dropWhere(condition: string, parameters: [WorkspaceId, ...unknown[]]): Promise<number> {
    try {
      const [, deleted] = (await this.attachments.query(
        `DELETE FROM "public"."attachments" a
         WHERE a.workspace_id = $1 AND ${condition}
           AND NOT EXISTS (SELECT 1 FROM "public"."message_attachments" l WHERE l.workspace_id = a.workspace_id AND l.sha256 = a.sha256)`,
        parameters,
      )) as [unknown, number];
      return deleted;
    } catch (error) {
      if (errorCodeOf(error) === FOREIGN_KEY_VIOLATION) return 0;
      throw error;
    }
  }
}

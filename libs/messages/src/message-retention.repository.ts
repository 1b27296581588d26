import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkspaceId } from '@app/workspace-id';

/**
 * Where a walk through a workspace's messages stands: the last message it reached. The time is
 * PostgreSQL's own text of it, not a JS Date, so microseconds survive the round trip and the
 * walk never reads the same message twice.
 */
export interface MessageCursor {
  createdAt: string;
  id: string;
}

export interface BodiesPurged {
  /** Messages the batch reached (purged, or purged before); fewer than asked for: the walk is done. */
  reached: number;
  cursor: MessageCursor | null;
  /** Files whose links went: AttachmentsRepository.dropUnlinked deletes those nothing else links to. */
  files: string[];
}

export interface MessagesPurged {
  deleted: number;
  files: string[];
}

type BatchRow = { reached: number; lastAt: string | null; lastId: string | null; files: string[] };

/**
 * What a workspace's retention settings no longer keep, removed in batches of at most `limit`
 * messages per statement: each statement is its own short transaction, so a purge of millions
 * never holds locks or a snapshot for long.
 */
@Injectable()
export class MessageRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The bodies of the next `limit` messages created in [from, before), oldest first after
   * `after`: html and text, the links to attachments, the targets of tracked links and the URLs
   * clicks recorded (copies of the body's links, reset tokens included). Subject, recipients,
   * metadata and events stay with the message.
   */
  async purgeBodies(
    workspaceId: WorkspaceId,
    range: { from: Date | null; before: Date },
    after: MessageCursor | null,
    limit: number,
  ): Promise<BodiesPurged> {
    const [row] = (await this.dataSource.query(
      `WITH page AS (
         SELECT id, created_at FROM "public"."messages"
         WHERE workspace_id = $1 AND created_at >= COALESCE($2::timestamptz, '-infinity') AND created_at < $3
           AND (created_at, id) > (COALESCE($4::timestamptz, '-infinity'), COALESCE($5::uuid, '00000000-0000-0000-0000-000000000000'))
         ORDER BY created_at, id LIMIT $6
       ),
       bodies AS (
         UPDATE "public"."messages" m SET html = NULL, text = NULL, attachment_bytes = 0
         FROM page WHERE m.id = page.id AND (m.html IS NOT NULL OR m.text IS NOT NULL OR m.attachment_bytes > 0)
       ),
       files AS (DELETE FROM "public"."message_attachments" l USING page WHERE l.message_id = page.id RETURNING l.sha256),
       tracked AS (DELETE FROM "public"."message_links" t USING page WHERE t.message_id = page.id),
       clicks AS (UPDATE "public"."message_events" e SET url = NULL FROM page WHERE e.message_id = page.id AND e.url IS NOT NULL)
       SELECT (SELECT count(*) FROM page)::int AS reached,
              (SELECT created_at::text FROM page ORDER BY created_at DESC, id DESC LIMIT 1) AS "lastAt",
              (SELECT id FROM page ORDER BY created_at DESC, id DESC LIMIT 1) AS "lastId",
              ARRAY(SELECT DISTINCT sha256 FROM files) AS files`,
      [workspaceId, range.from, range.before, after?.createdAt ?? null, after?.id ?? null, limit],
    )) as BatchRow[];
    return {
      reached: row!.reached,
      cursor: row!.lastAt && row!.lastId ? { createdAt: row!.lastAt, id: row!.lastId } : null,
      files: row!.files,
    };
  }

  /**
   * Deletes the oldest `limit` messages created before `before`, with their events (the trigger of
   * `messages`), tracked links and attachment links. The per-hour counts of /stats stay.
   */
  async purgeMessages(workspaceId: WorkspaceId, before: Date, limit: number): Promise<MessagesPurged> {
    const [row] = (await this.dataSource.query(
      `WITH doomed AS (
         SELECT id FROM "public"."messages" WHERE workspace_id = $1 AND created_at < $2 ORDER BY created_at, id LIMIT $3
       ),
       files AS (DELETE FROM "public"."message_attachments" l USING doomed WHERE l.message_id = doomed.id RETURNING l.sha256),
       gone AS (DELETE FROM "public"."messages" m USING doomed WHERE m.id = doomed.id RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int AS deleted, ARRAY(SELECT DISTINCT sha256 FROM files) AS files`,
      [workspaceId, before, limit],
    )) as Array<{ deleted: number; files: string[] }>;
    return row!;
  }
}

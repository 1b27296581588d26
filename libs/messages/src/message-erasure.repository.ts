import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkspaceId } from '@app/workspace-id';
import type { MessageCursor } from './message-retention.repository';

/** What an erased address reads as where a message still needs an address: a reserved domain (RFC 2606) nobody receives at. */
export const ERASED_ADDRESS = 'erased@erased.invalid';

export interface AddressErased {
  /** Messages the batch looked at; fewer than asked for: the walk is done. */
  reached: number;
  /** Of those, the messages that named the address and were erased. */
  erased: number;
  cursor: MessageCursor | null;
  /** Files whose links went: AttachmentsRepository.dropUnlinked deletes those nothing else links to. */
  files: string[];
}

/** `boxes` (a jsonb array of mailboxes) with every mailbox of the address, `$2`, replaced by the erased one. */
const withoutAddress = (boxes: string) =>
  `(SELECT COALESCE(jsonb_agg(CASE WHEN lower(b ->> 'email') = $2 THEN $6::jsonb ELSE b END ORDER BY n), '[]'::jsonb)
    FROM jsonb_array_elements(m.${boxes}) WITH ORDINALITY AS x(b, n))`;

/**
 * Erases an address from a workspace's messages, walking them newest first in batches. A message
 * that names it anywhere (from, reply-to, to, cc, bcc) loses every mention of it and everything it
 * said: subject, bodies, custom headers, metadata, attachments, tracked links, the SMTP replies
 * (which quote addresses), tags and an Idempotency-Key that contain it, and its events' details,
 * bounce and complaint reports,
 * URLs, user agents and IPs. What is left is that
 * a message of that type was sent then, with its status and the other recipients. A message still
 * queued is failed, so nothing is sent with its content gone.
 */
@Injectable()
export class MessageErasureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async erasePage(workspaceId: WorkspaceId, email: string, before: MessageCursor | null, limit: number): Promise<AddressErased> {
    const [row] = (await this.dataSource.query(
      `WITH page AS (
         SELECT id, created_at FROM "public"."messages"
         WHERE workspace_id = $1
           AND (created_at, id) < (COALESCE($3::timestamptz, 'infinity'), COALESCE($4::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff'))
         ORDER BY created_at DESC, id DESC LIMIT $5
       ),
       hit AS (
         SELECT m.id FROM "public"."messages" m JOIN page ON page.id = m.id
         WHERE lower(m.from_email) = $2 OR lower(m.reply_to) = $2
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(m."to" || m.cc || m.bcc) AS r WHERE lower(r ->> 'email') = $2)
       ),
       erased AS (
         UPDATE "public"."messages" m SET
           "to" = ${withoutAddress('"to"')}, cc = ${withoutAddress('cc')}, bcc = ${withoutAddress('bcc')},
           from_email = CASE WHEN lower(m.from_email) = $2 THEN $7 ELSE m.from_email END,
           from_name = CASE WHEN lower(m.from_email) = $2 THEN NULL ELSE m.from_name END,
           reply_to = CASE WHEN lower(m.reply_to) = $2 THEN NULL ELSE m.reply_to END,
           subject = '', html = NULL, text = NULL, headers = '{}', metadata = '{}', attachment_bytes = 0,
           tags = ARRAY(SELECT tag FROM unnest(m.tags) AS tag WHERE strpos(lower(tag), $2) = 0),
           -- A key made of the address ("welcome-ada@…") would keep it; a repeat of it sends anew.
           idempotency_key = CASE WHEN strpos(lower(m.idempotency_key), $2) > 0 THEN NULL ELSE m.idempotency_key END,
           smtp_response = NULL, error_hint = NULL,
           status = CASE WHEN m.status = 'queued' THEN 'failed' ELSE m.status END,
           error_code = CASE WHEN m.status = 'queued' THEN 'recipient_erased' ELSE m.error_code END,
           error_message = CASE WHEN m.status = 'queued' THEN 'A recipient was erased before the message was sent' ELSE NULL END,
           updated_at = now()
         FROM hit WHERE m.id = hit.id
       ),
       files AS (DELETE FROM "public"."message_attachments" l USING hit WHERE l.message_id = hit.id RETURNING l.sha256),
       tracked AS (DELETE FROM "public"."message_links" t USING hit WHERE t.message_id = hit.id),
       events AS (
         UPDATE "public"."message_events" e SET detail = NULL, url = NULL, user_agent = NULL, ip = NULL, report = NULL
         FROM hit WHERE e.message_id = hit.id
       )
       SELECT (SELECT count(*) FROM page)::int AS reached, (SELECT count(*) FROM hit)::int AS erased,
              (SELECT created_at::text FROM page ORDER BY created_at, id LIMIT 1) AS "lastAt",
              (SELECT id FROM page ORDER BY created_at, id LIMIT 1) AS "lastId",
              ARRAY(SELECT DISTINCT sha256 FROM files) AS files`,
      [workspaceId, email, before?.createdAt ?? null, before?.id ?? null, limit, JSON.stringify({ email: ERASED_ADDRESS }), ERASED_ADDRESS],
    )) as Array<{ reached: number; erased: number; lastAt: string | null; lastId: string | null; files: string[] }>;
    return {
      reached: row!.reached,
      erased: row!.erased,
      cursor: row!.lastAt && row!.lastId ? { createdAt: row!.lastAt, id: row!.lastId } : null,
      files: row!.files,
    };
  }
}

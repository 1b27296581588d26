import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Mailbox, MessageEntity, MessageEventEntity, MessageStatus, MessageType, TimeCursor } from '@app/database';
import type { WebhookMessage } from '@app/webhooks';
import { WorkspaceId } from '@app/workspace-id';
import type { MessageAttachment } from './attachments.repository';
import { messageIdHeader } from './message-id-header';

export interface MessageFilters {
  status?: MessageStatus;
  to?: string;
  tag?: string;
  type?: MessageType;
  /** Created at or after. */
  since?: Date;
  /** Created before. */
  until?: Date;
  /** Only messages whose recipient complained. */
  complained?: boolean;
  /** The last row of the previous page. */
  after?: TimeCursor;
  limit: number;
}

export type NewMessage = Omit<
  MessageEntity,
  | 'createdAt'
  | 'updatedAt'
  | 'attempts'
  | 'smtpResponse'
  | 'errorCode'
  | 'errorMessage'
  | 'errorHint'
  | 'leaseUntil'
  | 'sentAt'
  | 'complainedAt'
  | 'status'
  | 'workspaceId'
  | 'listId'
  | 'broadcastId'
  | 'contactId'
  | 'attachmentBytes'
> &
  Partial<Pick<MessageEntity, 'listId' | 'broadcastId' | 'contactId'>> & {
    /** Files already stored (AttachmentsRepository.store); their links are written with the message. */
    attachments?: MessageAttachment[];
  };

/** A message named by its workspace and id, as a delivery job names it. */
export interface MessageKey {
  workspaceId: WorkspaceId;
  id: string;
}

/** What every message of a broadcast shares. */
export interface BroadcastMessageTemplate {
  broadcastId: string;
  listId: string;
  integrationId: string;
  fromEmail: string;
  fromName: string | null;
  trackingOpens: boolean;
  trackingClicks: boolean;
}

/** What differs between the messages of a broadcast. */
export interface BroadcastRecipient {
  id: string;
  contactId: string;
  to: Mailbox;
  subject: string;
}

/** A message the outbox reconciler may have to enqueue again; its workspace id was read from its own row. */
export interface OutboxMessage {
  id: string;
  workspaceId: WorkspaceId;
  type: MessageType;
  broadcastId: string | null;
  integrationId: string;
}

const OUTBOX_COLUMNS = 'id, workspace_id AS "workspaceId", type, broadcast_id AS "broadcastId", integration_id AS "integrationId"';

/** What tracking needs of a message. */
export type TrackedMessageRow = Pick<MessageEntity, 'id' | 'workspaceId' | 'type' | 'sentAt' | 'to' | 'listId' | 'contactId'>;

@Injectable()
export class MessagesRepository {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageEventEntity) private readonly events: Repository<MessageEventEntity>,
  ) {}

  /**
   * Inserts in one statement. Rows whose Idempotency-Key already exists in the workspace are
   * skipped by the database (even under concurrency); the ids actually inserted are returned.
   * The rows travel as one JSON document (json_to_recordset reads them by property name):
   * TypeORM's insert builder spends more time naming thousands of parameters than Postgres
   * spends inserting the rows, and pg escapes array parameters in JavaScript, slower still than
   * V8's JSON.stringify.
   */
  async insertMany(workspaceId: WorkspaceId, rows: NewMessage[], manager: EntityManager = this.messages.manager): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // Milliseconds, like a JS Date, so keyset cursors built from createdAt are exact.
    const now = new Date();
    const inserted = (await manager.query(
      `INSERT INTO "public"."messages" (id, workspace_id, integration_id, type, status, from_email, from_name, "to", cc, bcc,
         reply_to, subject, html, text, headers, tracking_opens, tracking_clicks, tags, metadata, idempotency_key,
         idempotency_fingerprint, message_id_header, list_id, broadcast_id, contact_id, attachment_bytes, created_at, updated_at)
       SELECT id, $1, "integrationId", type, 'queued', "fromEmail", "fromName", "to", cc, bcc,
         "replyTo", subject, html, text, headers, "trackingOpens", "trackingClicks", tags, metadata, "idempotencyKey",
         "idempotencyFingerprint", "messageIdHeader", "listId", "broadcastId", "contactId",
         COALESCE((SELECT sum((a ->> 'size')::int) FROM json_array_elements(attachments) AS a), 0), $2, $2
       FROM json_to_recordset($3::json) AS t(id uuid, "integrationId" uuid, type text, "fromEmail" text, "fromName" text,
         "to" jsonb, cc jsonb, bcc jsonb, "replyTo" text, subject text, html text, text text, headers jsonb,
         "trackingOpens" bool, "trackingClicks" bool, tags text[], metadata jsonb, "idempotencyKey" text,
         "idempotencyFingerprint" text, "messageIdHeader" text, "listId" uuid, "broadcastId" uuid, "contactId" uuid,
         attachments json)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [workspaceId, now, JSON.stringify(rows)],
    )) as Array<{ id: string }>;
    return new Set(inserted.map((row) => row.id));
  }

  /**
   * A fanned-out page of a broadcast in one statement. What differs per recipient travels as one
   * JSON document (V8 writes it and Postgres reads it far faster than array literals of
   * thousands of values); what they share is sent once.
   */
  async insertBroadcastRecipients(
    workspaceId: WorkspaceId,
    template: BroadcastMessageTemplate,
    recipients: BroadcastRecipient[],
    manager: EntityManager = this.messages.manager,
  ): Promise<void> {
    if (recipients.length === 0) return;
    const rows = recipients.map((recipient) => ({
      id: recipient.id,
      contact: recipient.contactId,
      to: [recipient.to],
      subject: recipient.subject,
      header: messageIdHeader(recipient.id, template.fromEmail),
    }));
    await manager.query(
      `INSERT INTO "public"."messages" (id, workspace_id, integration_id, type, status, from_email, from_name, "to",
         subject, tracking_opens, tracking_clicks, metadata, message_id_header, list_id, broadcast_id, contact_id, created_at, updated_at)
       SELECT t.id, $1, $2, 'marketing', 'queued', $3, $4, t."to",
         t.subject, $5, $6, jsonb_build_object('broadcastId', $7::text), t.header, $8, $7::text::uuid, t.contact, $9, $9
       FROM json_to_recordset($10::json) AS t(id uuid, contact uuid, "to" jsonb, subject text, header text)`,
      [
        workspaceId,
        template.integrationId,
        template.fromEmail,
        template.fromName,
        template.trackingOpens,
        template.trackingClicks,
        template.broadcastId,
        template.listId,
        new Date(),
        JSON.stringify(rows),
      ],
    );
  }

  /**
   * Takes the still-queued messages among `ids` for one delivery: they become `sending` under a
   * lease, atomically, so a message reached by two jobs (a slice and the outbox reconciler) is
   * sent by one of them. A delivery that dies leaves the lease to run out; the reconciler then
   * queues the message again.
   */
  async claimForDelivery(workspaceId: WorkspaceId, ids: string[], leaseUntil: Date): Promise<MessageEntity[]> {
    const [claimed] = (await this.messages.query(
      `UPDATE "public"."messages" SET status = 'sending', lease_until = $3, updated_at = now()
       WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND status = 'queued'
       RETURNING id`,
      [workspaceId, ids, leaseUntil],
    )) as [Array<{ id: string }>, number];
    if (claimed.length === 0) return [];
    return this.messages.findBy({ workspaceId, id: In(claimed.map((row) => row.id)) });
  }

  /** Gives claimed messages back (queued, no lease) when their delivery has to wait. */
  async releaseClaims(workspaceId: WorkspaceId, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.messages.query(
      `UPDATE "public"."messages" SET status = 'queued', lease_until = NULL, updated_at = now()
       WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND status = 'sending'`,
      [workspaceId, ids],
    );
  }

  /** In every workspace, for the outbox reconciler: up to `limit` messages whose lease ran out (their worker died) are queued again. */
  async requeueExpiredLeases(limit: number): Promise<OutboxMessage[]> {
    const [requeued] = (await this.messages.query(
      `UPDATE "public"."messages" SET status = 'queued', lease_until = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM "public"."messages" WHERE status = 'sending' AND lease_until < now() LIMIT $1)
       RETURNING ${OUTBOX_COLUMNS}`,
      [limit],
    )) as [OutboxMessage[], number];
    return requeued;
  }

  /**
   * In every workspace, for the outbox reconciler: up to `limit` messages queued for longer than
   * `graceMs`, oldest first. Touching updated_at moves checked rows to the back, so a backlog
   * larger than one batch is walked through over successive runs instead of re-checking the same
   * oldest rows.
   */
  async touchLongQueued(graceMs: number, limit: number): Promise<OutboxMessage[]> {
    const [touched] = (await this.messages.query(
      `UPDATE "public"."messages" SET updated_at = now()
       WHERE id IN (
         SELECT id FROM "public"."messages"
         WHERE status = 'queued' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING ${OUTBOX_COLUMNS}`,
      [graceMs, limit],
    )) as [OutboxMessage[], number];
    return touched;
  }

  /**
   * Messages of several workspaces in one query, one answer per key in the same order: a
   * message is only found inside the workspace its key names, otherwise the answer is null.
   */
  async findByKeys(keys: MessageKey[]): Promise<Array<MessageEntity | null>> {
    const rows = await this.messages.findBy({ id: In([...new Set(keys.map((key) => key.id))]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map((key) => {
      const row = byId.get(key.id);
      return row && row.workspaceId === key.workspaceId ? row : null;
    });
  }

  findByIdempotencyKey(workspaceId: WorkspaceId, idempotencyKey: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ workspaceId, idempotencyKey });
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ workspaceId, id });
  }

  /** In any workspace: a tracking token names only its message, whose workspace key then verifies the token. */
  findForTracking(id: string): Promise<TrackedMessageRow | null> {
    return this.messages.findOne({
      where: { id },
      select: { id: true, workspaceId: true, type: true, sentAt: true, to: true, listId: true, contactId: true },
    });
  }

  /** What webhooks say of each message (recipients, tags, metadata), for events recorded without the message at hand. */
  webhookSubjects(ids: string[]): Promise<WebhookMessage[]> {
    return this.messages.find({
      where: { id: In([...new Set(ids)]) },
      select: { id: true, workspaceId: true, to: true, tags: true, metadata: true, broadcastId: true },
    });
  }

  eventsOf(workspaceId: WorkspaceId, messageId: string): Promise<MessageEventEntity[]> {
    return this.events.find({ where: { workspaceId, messageId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Newest first, keyset-paginated on (created_at, id) so deep pages cost the same as the first. */
  list(workspaceId: WorkspaceId, filters: MessageFilters): Promise<MessageEntity[]> {
    const query = this.messages
      .createQueryBuilder('m')
      .where('m.workspace_id = :workspaceId', { workspaceId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(filters.limit);
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.tag) query.andWhere('m.tags @> ARRAY[:tag]::text[]', { tag: filters.tag });
    if (filters.type) query.andWhere('m.type = :type', { type: filters.type });
    if (filters.complained) query.andWhere('m.complained_at IS NOT NULL');
    if (filters.since) query.andWhere('m.created_at >= :since', { since: filters.since });
    if (filters.until) query.andWhere('m.created_at < :until', { until: filters.until });
    if (filters.to) {
      // Each branch matches one of the recipient indexes (see the recipient-lookup migration).
      const email = filters.to.toLowerCase();
      query.andWhere(`(m.to -> 0 ->> 'email' = :email OR (jsonb_array_length(m.to) > 1 AND m.to @> :to::jsonb))`, {
        email,
        to: JSON.stringify([{ email }]),
      });
    }
    if (filters.after) {
      query.andWhere('(m.created_at, m.id) < (:afterAt, :afterId::uuid)', { afterAt: filters.after.createdAt, afterId: filters.after.id });
    }
    return query.getMany();
  }
}

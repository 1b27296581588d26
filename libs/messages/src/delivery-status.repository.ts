import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { storableText } from '@app/database';
import type { MessageStatus } from '@app/database';
import type { WebhookTarget } from '@app/queue';
import { WebhookEvent, WebhookOutbox } from '@app/webhooks';
import type { MessageCountsIncrement } from './message-counts-batch';
import { MessageEventsRepository } from './message-events.repository';
import type { NewMessageEvent } from './message-event-rows';
import { MessageStatsRepository } from './message-stats.repository';

export interface DeliveryUpdate {
  workspaceId: string;
  messageId: string;
  status: MessageStatus;
  /** Added to the message's attempts: 1 when this update ends an SMTP attempt, 0 or absent otherwise. */
  attemptsAdded?: number;
  leaseUntil?: Date | null;
  smtpResponse?: string | null;
  error?: { code: string; message: string; hint: string | null } | null;
  sentAt?: Date;
}

/** The status columns of many messages, their events and the webhooks those events make, written together. */
@Injectable()
export class DeliveryStatusRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: MessageEventsRepository,
    private readonly stats: MessageStatsRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  /**
   * One transaction of three statements, and a fourth for the webhooks when there are any (the
   * outbox). The overview's counts come last: every batch of a workspace adds to the same row, whose
   * lock is held until the commit. An absent field leaves its column as it is. Answers the endpoints to wake.
   */
  write(
    updates: DeliveryUpdate[],
    events: NewMessageEvent[],
    counts: MessageCountsIncrement[],
    webhooks: WebhookEvent[] = [],
  ): Promise<WebhookTarget[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE "public"."messages" AS m SET
           status = v.status,
           attempts = m.attempts + v.attempts,
           lease_until = CASE WHEN v.set_lease THEN v.lease_until ELSE m.lease_until END,
           smtp_response = COALESCE(v.smtp_response, m.smtp_response),
           error_code = CASE WHEN v.set_error THEN v.error_code ELSE m.error_code END,
           error_message = CASE WHEN v.set_error THEN v.error_message ELSE m.error_message END,
           error_hint = CASE WHEN v.set_error THEN v.error_hint ELSE m.error_hint END,
           sent_at = COALESCE(v.sent_at, m.sent_at),
           updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::bool[], $6::timestamptz[], $7::text[],
                     $8::bool[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
           AS v(id, workspace_id, status, attempts, set_lease, lease_until, smtp_response,
                set_error, error_code, error_message, error_hint, sent_at)
         WHERE m.id = v.id AND m.workspace_id = v.workspace_id`,
        [
          updates.map((u) => u.messageId),
          updates.map((u) => u.workspaceId),
          updates.map((u) => u.status),
          updates.map((u) => u.attemptsAdded ?? 0),
          updates.map((u) => u.leaseUntil !== undefined),
          updates.map((u) => u.leaseUntil ?? null),
          updates.map((u) => storableText(u.smtpResponse ?? null)),
          updates.map((u) => u.error !== undefined),
          updates.map((u) => storableText(u.error?.code ?? null)),
          updates.map((u) => storableText(u.error?.message ?? null)),
          updates.map((u) => storableText(u.error?.hint ?? null)),
          updates.map((u) => u.sentAt ?? null),
        ],
      );
      await this.events.insertMany(events, manager);
      const targets = webhooks.length === 0 ? [] : await this.outbox.write(manager, webhooks);
      await this.stats.add(counts, manager);
      return targets;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BounceParticulars, ComplaintParticulars, MessageEntity } from '@app/database';
import { SuppressionsRepository } from '@app/marketing';
import { MessageCountsBatch, MessageStatsRepository } from '@app/messages';
import { EmitWebhook, messageEvent, WebhookOutbox } from '@app/webhooks';
import { trustedWorkspaceId } from '@app/workspace-id';

/** What a report found in a watched mailbox says of one Mailroom message. */
export type ReportFinding = { type: 'bounce'; bounces: BounceParticulars[] } | { type: 'complaint'; complaint: ComplaintParticulars };

/**
 * Writes what a delivery report or complaint means for its message, in one transaction: the
 * events, `bounced` for a hard bounce, the suppression (reason bounce or complaint; the address
 * stays suppressed for marketing, and for transactional mail unless the workspace turned that
 * off), the overview's counters and the webhook events. The report is remembered by its mailbox
 * and key first, so a report two watchers both read counts once.
 */
@Injectable()
export class MailboxReportRecorder {
  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly suppressions: SuppressionsRepository,
    private readonly stats: MessageStatsRepository,
  ) {}

  /** False when the report was processed before. */
  record(integrationId: string, reportKey: string, message: MessageEntity, finding: ReportFinding): Promise<boolean> {
    return this.outbox.run(async (manager, emit) => {
      const [first] = (await manager.query(
        `INSERT INTO "public"."processed_mailbox_reports" (integration_id, report_key) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING 1 AS first`,
        [integrationId, reportKey],
      )) as Array<{ first: number }>;
      if (!first) return false;
      if (finding.type === 'bounce') await this.bounced(manager, emit, message, finding.bounces);
      else await this.complained(manager, emit, message, finding.complaint);
      return true;
    });
  }

  private async bounced(manager: EntityManager, emit: EmitWebhook, message: MessageEntity, bounces: BounceParticulars[]): Promise<void> {
    const at = new Date();
    await this.insertEvents(manager, message, 'bounce', bounces, at);
    const hard = bounces.filter((bounce) => bounce.kind === 'hard');
    if (hard.length > 0) {
      const [{ recipient, status, diagnostic }] = hard as [BounceParticulars];
      // Only a message that went out can bounce; one that failed at the SMTP server keeps that answer.
      await manager.query(
        `UPDATE "public"."messages" SET status = 'bounced', error_code = 'bounced', error_message = $3, error_hint = $4
         WHERE workspace_id = $1 AND id = $2 AND status = 'sent'`,
        [
          message.workspaceId,
          message.id,
          `${recipient}: ${status}${diagnostic ? ` ${diagnostic}` : ''}`,
          'The receiving server says the address does not exist or refuses mail for good: it is suppressed. Check it with the recipient.',
        ],
      );
      await this.suppress(
        manager,
        message,
        hard.map((bounce) => bounce.recipient),
        'bounce',
      );
      await this.count(manager, message, 'bounce', hard.length, at);
    }
    for (const bounce of bounces) emit(messageEvent('message.bounced', message, { ...bounce }, at));
  }

  private async complained(
    manager: EntityManager,
    emit: EmitWebhook,
    message: MessageEntity,
    complaint: ComplaintParticulars,
  ): Promise<void> {
    const at = new Date();
    await this.insertEvents(manager, message, 'complaint', [complaint], at);
    await manager.query(`UPDATE "public"."messages" SET complained_at = coalesce(complained_at, $3) WHERE workspace_id = $1 AND id = $2`, [
      message.workspaceId,
      message.id,
      at,
    ]);
    await this.suppress(manager, message, [complaint.recipient], 'complaint');
    await this.count(manager, message, 'complaint', 1, at);
    emit(messageEvent('message.complained', message, { ...complaint }, at));
  }

  private async insertEvents(
    manager: EntityManager,
    message: MessageEntity,
    type: 'bounce' | 'complaint',
    reports: Array<BounceParticulars | ComplaintParticulars>,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "public"."message_events" (workspace_id, message_id, type, at, detail, report)
       SELECT $1, $2, $3, $4, r->>'diagnostic', r FROM jsonb_array_elements($5::jsonb) AS r`,
      [message.workspaceId, message.id, type, at, JSON.stringify(reports)],
    );
  }

  private suppress(manager: EntityManager, message: MessageEntity, emails: string[], reason: 'bounce' | 'complaint'): Promise<void> {
    const entries = [...new Set(emails.map((email) => email.toLowerCase()))].map((email) => ({ email, reason, messageId: message.id }));
    return this.suppressions.add(trustedWorkspaceId(message.workspaceId), entries, manager);
  }

  private count(manager: EntityManager, message: MessageEntity, type: 'bounce' | 'complaint', times: number, at: Date): Promise<void> {
    const counts = new MessageCountsBatch();
    for (let index = 0; index < times; index += 1) counts.add(message.workspaceId, message.type, type, at);
    return this.stats.add(counts.increments(), manager);
  }
}

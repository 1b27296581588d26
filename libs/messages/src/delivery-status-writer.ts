import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRefusedValue, storableText } from '@app/database';
import type { MessageEventType, MessageStatus } from '@app/database';
import { MessageEventsRepository } from './message-events.repository';

export interface DeliveryUpdate {
  workspaceId: string;
  messageId: string;
  status: MessageStatus;
  /** Attempts this update adds (1 when an SMTP attempt starts). */
  attempts?: number;
  leaseUntil?: Date | null;
  smtpResponse?: string | null;
  error?: { code: string; message: string; hint: string | null } | null;
  sentAt?: Date;
  event?: { type: MessageEventType; detail: string | null };
}

interface Pending {
  update: DeliveryUpdate;
  events: Array<{ type: MessageEventType; detail: string | null; at: Date }>;
  settle: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

const MAX_BATCH = 500;
const LINGER_MS = 5;

/**
 * Group commit for the worker's hot path: status changes and events of many deliveries are
 * written in one transaction of two statements. Each caller awaits the flush that holds its
 * change, so a job completes only after its outcome is in Postgres. Successive changes of one
 * message inside a batch are merged (a fast `sending` → `sent` costs one row update).
 */
@Injectable()
export class DeliveryStatusWriter implements OnApplicationShutdown {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: MessageEventsRepository,
  ) {}

  write(update: DeliveryUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      const existing = this.pending.get(update.messageId);
      const event = update.event ? [{ ...update.event, at: new Date() }] : [];
      if (existing) {
        existing.update = { ...existing.update, ...update, attempts: (existing.update.attempts ?? 0) + (update.attempts ?? 0) };
        existing.events.push(...event);
        existing.settle.push({ resolve, reject });
      } else {
        this.pending.set(update.messageId, { update, events: event, settle: [{ resolve, reject }] });
      }
      if (this.pending.size >= MAX_BATCH) this.flushSoon(0);
      else this.flushSoon(LINGER_MS);
    });
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    // Nothing to handle here: flush settles every waiting write itself and never rejects.
    this.timer = setTimeout(() => void this.drain(), delayMs);
  }

  /** Starts writing everything pending now; resolves when all writes started so far are done. */
  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending = new Map();
      this.flushing = this.flushing.then(() => this.flush(batch));
    }
    return this.flushing;
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const u = batch.map((item) => item.update);
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
            u.map((x) => x.messageId),
            u.map((x) => x.workspaceId),
            u.map((x) => x.status),
            u.map((x) => x.attempts ?? 0),
            u.map((x) => x.leaseUntil !== undefined),
            u.map((x) => x.leaseUntil ?? null),
            u.map((x) => storableText(x.smtpResponse ?? null)),
            u.map((x) => x.error !== undefined),
            u.map((x) => storableText(x.error?.code ?? null)),
            u.map((x) => storableText(x.error?.message ?? null)),
            u.map((x) => storableText(x.error?.hint ?? null)),
            u.map((x) => x.sentAt ?? null),
          ],
        );
        await this.events.insertMany(
          batch.flatMap((item) => item.events.map((event) => ({ ...event, workspaceId: item.update.workspaceId, messageId: item.update.messageId }))),
          manager,
        );
      });
      for (const item of batch) item.settle.forEach(({ resolve }) => resolve());
    } catch (error) {
      // One refused value must not fail the changes batched with it: each is written on its own.
      if (batch.length > 1 && isRefusedValue(error)) {
        for (const item of batch) await this.flush([item]);
        return;
      }
      for (const item of batch) item.settle.forEach(({ reject }) => reject(error));
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}

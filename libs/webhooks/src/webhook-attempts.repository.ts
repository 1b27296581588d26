import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { storableText, WebhookDeliveryStatus } from '@app/database';
import type { WebhookTarget } from '@app/queue';
import type { WorkspaceId } from '@app/workspace-id';

/** One attempt, and what it makes of its delivery. */
export interface AttemptOutcome {
  workspaceId: string;
  endpointId: string;
  deliveryId: string;
  at: Date;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
  /** The delivery after the attempt: delivered, failed for good, or pending until `nextAttemptAt`. */
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date | null;
}

/** How the endpoint fared in a batch: a success clears its failing streak, a failure starts or continues one. */
interface EndpointFate {
  workspaceId: string;
  endpointId: string;
  succeeded: boolean;
  at: Date;
  lastError: string | null;
}

function fates(outcomes: AttemptOutcome[]): EndpointFate[] {
  const byEndpoint = new Map<string, EndpointFate>();
  for (const outcome of outcomes) {
    const succeeded = outcome.status === 'delivered';
    const known = byEndpoint.get(outcome.endpointId);
    // Any success in the batch means the endpoint answers: it is not failing.
    if (known?.succeeded && !succeeded) continue;
    const lastError = succeeded ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    byEndpoint.set(outcome.endpointId, {
      workspaceId: outcome.workspaceId,
      endpointId: outcome.endpointId,
      succeeded,
      at: outcome.at,
      lastError,
    });
  }
  return [...byEndpoint.values()];
}

/** The attempts of many deliveries, what became of those deliveries and of their endpoints, written together. */
@Injectable()
export class WebhookAttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement (a single round trip, a transaction of its own): each delivery's new status,
   * its lease released; the attempts for the log (a delivery whose endpoint was deleted meanwhile
   * has nothing left to log); each endpoint's streak; and the endpoints whose failing streak has
   * lasted `disableAfterMs` disabled with `disabledReason`, which are answered. A busy endpoint
   * that keeps answering 2xx has its row written at most once a second.
   */
  async record(outcomes: AttemptOutcome[], disableAfterMs: number, disabledReason: string): Promise<WebhookTarget[]> {
    const endpoints = fates(outcomes);
    const [rows] = (await this.dataSource.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
           AS v(id, workspace_id, at, status_code, duration_ms, response, error, status, next)
       ), deliveries AS (
         UPDATE "public"."webhook_deliveries" d SET status = v.status, attempts = d.attempts + 1, next_attempt_at = v.next,
           lease_until = NULL, updated_at = now()
         FROM v WHERE d.id = v.id AND d.workspace_id = v.workspace_id
         RETURNING d.id
       ), attempts AS (
         INSERT INTO "public"."webhook_delivery_attempts" (delivery_id, at, status_code, duration_ms, response, error)
         SELECT v.id, v.at, v.status_code, v.duration_ms, v.response, v.error FROM v JOIN deliveries USING (id)
       )
       UPDATE "public"."webhook_endpoints" e SET
         last_success_at = CASE WHEN f.succeeded THEN f.at ELSE e.last_success_at END,
         failing_since = CASE WHEN f.succeeded THEN NULL ELSE COALESCE(e.failing_since, f.at) END,
         last_error = f.last_error,
         enabled = e.enabled AND NOT f.exhausted,
         disabled_at = CASE WHEN e.enabled AND f.exhausted THEN now() ELSE e.disabled_at END,
         disabled_reason = CASE WHEN e.enabled AND f.exhausted THEN $15 ELSE e.disabled_reason END
       FROM (
         SELECT f.*, NOT f.succeeded AND COALESCE(x.failing_since, f.at) <= now() - make_interval(secs => $16::double precision / 1000) AS exhausted
         FROM unnest($10::uuid[], $11::uuid[], $12::bool[], $13::timestamptz[], $14::text[]) AS f(id, workspace_id, succeeded, at, last_error)
         JOIN "public"."webhook_endpoints" x ON x.id = f.id
       ) f
       WHERE e.id = f.id AND e.workspace_id = f.workspace_id
         AND (NOT f.succeeded OR e.failing_since IS NOT NULL OR e.last_success_at IS NULL OR e.last_success_at < f.at - interval '1 second')
       RETURNING e.workspace_id AS "workspaceId", e.id AS "endpointId", (e.disabled_at = now() AND NOT e.enabled) AS "disabledNow"`,
      [
        outcomes.map((o) => o.deliveryId),
        outcomes.map((o) => o.workspaceId),
        outcomes.map((o) => o.at),
        outcomes.map((o) => o.statusCode),
        outcomes.map((o) => o.durationMs),
        outcomes.map((o) => storableText(o.response)),
        outcomes.map((o) => storableText(o.error)),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.nextAttemptAt),
        endpoints.map((e) => e.endpointId),
        endpoints.map((e) => e.workspaceId),
        endpoints.map((e) => e.succeeded),
        endpoints.map((e) => e.at),
        endpoints.map((e) => storableText(e.lastError)),
        disabledReason,
        disableAfterMs,
      ],
    )) as [Array<{ workspaceId: WorkspaceId; endpointId: string; disabledNow: boolean }>, number];
    return rows.filter((row) => row.disabledNow).map(({ workspaceId, endpointId }) => ({ workspaceId, endpointId }));
  }
}

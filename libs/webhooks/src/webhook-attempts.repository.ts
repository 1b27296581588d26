import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { storableText, WebhookDeliveryStatus } from '@app/database';
import type { WebhookTarget } from '@app/queue';

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
   * One transaction: the attempts for the log, each delivery's new status (its lease released),
   * each endpoint's streak, and the endpoints whose failing streak has now lasted `disableAfterMs`
   * disabled with `disabledReason`; those are answered.
   */
  record(outcomes: AttemptOutcome[], disableAfterMs: number, disabledReason: string): Promise<WebhookTarget[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "public"."webhook_delivery_attempts" (delivery_id, at, status_code, duration_ms, response, error)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::text[], $6::text[])`,
        [
          outcomes.map((o) => o.deliveryId),
          outcomes.map((o) => o.at),
          outcomes.map((o) => o.statusCode),
          outcomes.map((o) => o.durationMs),
          outcomes.map((o) => storableText(o.response)),
          outcomes.map((o) => storableText(o.error)),
        ],
      );
      await manager.query(
        `UPDATE "public"."webhook_deliveries" AS d SET status = v.status, attempts = d.attempts + 1, next_attempt_at = v.next,
           lease_until = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS v(id, workspace_id, status, next)
         WHERE d.id = v.id AND d.workspace_id = v.workspace_id`,
        [
          outcomes.map((o) => o.deliveryId),
          outcomes.map((o) => o.workspaceId),
          outcomes.map((o) => o.status),
          outcomes.map((o) => o.nextAttemptAt),
        ],
      );
      const endpoints = fates(outcomes);
      await manager.query(
        `UPDATE "public"."webhook_endpoints" AS e SET
           last_success_at = CASE WHEN v.succeeded THEN v.at ELSE e.last_success_at END,
           failing_since = CASE WHEN v.succeeded THEN NULL ELSE COALESCE(e.failing_since, v.at) END,
           last_error = v.last_error
         FROM unnest($1::uuid[], $2::uuid[], $3::bool[], $4::timestamptz[], $5::text[]) AS v(id, workspace_id, succeeded, at, last_error)
         WHERE e.id = v.id AND e.workspace_id = v.workspace_id`,
        [
          endpoints.map((e) => e.endpointId),
          endpoints.map((e) => e.workspaceId),
          endpoints.map((e) => e.succeeded),
          endpoints.map((e) => e.at),
          endpoints.map((e) => storableText(e.lastError)),
        ],
      );
      const failing = endpoints.filter((e) => !e.succeeded).map((e) => e.endpointId);
      if (failing.length === 0) return [];
      const [disabled] = (await manager.query(
        `UPDATE "public"."webhook_endpoints" SET enabled = false, disabled_at = now(), disabled_reason = $3, updated_at = now()
         WHERE id = ANY($1::uuid[]) AND enabled AND failing_since <= now() - make_interval(secs => $2::double precision / 1000)
         RETURNING workspace_id AS "workspaceId", id AS "endpointId"`,
        [failing, disableAfterMs, disabledReason],
      )) as [WebhookTarget[], number];
      return disabled;
    });
  }
}

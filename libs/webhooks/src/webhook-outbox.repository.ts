import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { WebhookTarget } from '@app/queue';
import { WorkspaceId } from '@app/workspace-id';

/** An event as the outbox stores it: its id (the `webhook-id`) and the body every endpoint gets. */
export interface OutboxEvent {
  id: string;
  workspaceId: string;
  type: string;
  body: string;
  at: Date;
}

/**
 * The outbox: events and their deliveries, written inside the transaction of the state change
 * that caused them. One statement, whatever the number of events: the events, and one pending
 * delivery per enabled endpoint of the event's workspace subscribed to its type, due at once.
 * An event no endpoint takes (one was disabled meanwhile) is not written.
 */
@Injectable()
export class WebhookOutboxRepository {
  async insert(manager: EntityManager, events: OutboxEvent[]): Promise<WebhookTarget[]> {
    if (events.length === 0) return [];
    const rows: Array<{ endpoint_id: string; workspace_id: WorkspaceId }> = await manager.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS t(id uuid, "workspaceId" uuid, type text, body text, at timestamptz)
       ), targets AS (
         SELECT i.id AS event_id, i."workspaceId" AS workspace_id, e.id AS endpoint_id
         FROM input i JOIN "public"."webhook_endpoints" e
           ON e.workspace_id = i."workspaceId" AND e.enabled AND (i.type = ANY(e.event_types) OR '*' = ANY(e.event_types))
       ), events AS (
         INSERT INTO "public"."webhook_events" (id, workspace_id, type, body, created_at)
         SELECT id, "workspaceId", type, body, at FROM input WHERE id IN (SELECT event_id FROM targets)
       )
       INSERT INTO "public"."webhook_deliveries" (id, workspace_id, endpoint_id, event_id, next_attempt_at, created_at, updated_at)
       SELECT gen_random_uuid(), workspace_id, endpoint_id, event_id, now(), now(), now() FROM targets
       RETURNING endpoint_id, workspace_id`,
      [JSON.stringify(events)],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, endpointId: row.endpoint_id }));
  }

  /**
   * An event for one endpoint whatever it subscribed to (`webhook.test`), with its delivery
   * already leased to the caller, who attempts it at once; answers the delivery's id.
   */
  async insertLeased(
    manager: EntityManager,
    workspaceId: WorkspaceId,
    endpointId: string,
    event: OutboxEvent,
    leaseMs: number,
  ): Promise<string> {
    await manager.query(`INSERT INTO "public"."webhook_events" (id, workspace_id, type, body, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      event.id,
      workspaceId,
      event.type,
      event.body,
      event.at,
    ]);
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO "public"."webhook_deliveries" (id, workspace_id, endpoint_id, event_id, next_attempt_at, lease_until, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, now(), now() + make_interval(secs => $4::double precision / 1000), now(), now())
       RETURNING id`,
      [workspaceId, endpointId, event.id, leaseMs],
    );
    return row!.id;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TimeCursor, WebhookDeliveryAttemptEntity, WebhookDeliveryEntity, WebhookDeliveryStatus, WebhookEventType } from '@app/database';
import type { WebhookTarget } from '@app/queue';
import { WorkspaceId } from '@app/workspace-id';

/** A delivery taken for an attempt, with what it posts. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  type: WebhookEventType;
  body: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** A delivery for the log: the delivery, its event and every attempt, oldest first. */
export interface DeliveryLogEntry {
  delivery: WebhookDeliveryEntity;
  type: WebhookEventType;
  body: string;
  attempts: WebhookDeliveryAttemptEntity[];
}

export interface DeliveryLogFilters {
  status?: WebhookDeliveryStatus;
  after?: TimeCursor;
  limit: number;
}

const interval = (parameter: string) => `make_interval(secs => ${parameter}::double precision / 1000)`;

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectRepository(WebhookDeliveryAttemptEntity) private readonly attempts: Repository<WebhookDeliveryAttemptEntity>,
  ) {}

  /**
   * Up to `limit` of the endpoint's due deliveries, oldest due first, for the job owning the
   * endpoint (see WebhookEndpointsRepository.acquire), which holds them in memory until their
   * outcomes are written and names them in `holding` meanwhile: owning the endpoint is what keeps
   * anyone else from sending them, so taking them costs no write. One an attempt from the API
   * holds (a lease) is skipped. Nothing once the endpoint is disabled.
   */
  async due(workspaceId: WorkspaceId, endpointId: string, limit: number, holding: string[]): Promise<ClaimedDelivery[]> {
    return this.deliveries.query(
      `SELECT d.id, d.event_id AS "eventId", e.type, e.body, d.attempts
       FROM "public"."webhook_deliveries" d JOIN "public"."webhook_events" e ON e.id = d.event_id
       WHERE d.endpoint_id = $2 AND d.status = 'pending' AND d.next_attempt_at <= now()
         AND (d.lease_until IS NULL OR d.lease_until <= now()) AND d.id <> ALL($4::uuid[])
         AND EXISTS (SELECT 1 FROM "public"."webhook_endpoints" w WHERE w.workspace_id = $1 AND w.id = $2 AND w.enabled)
       ORDER BY d.next_attempt_at
       LIMIT $3`,
      [workspaceId, endpointId, limit, holding],
    );
  }

  /** Whether a delivery of the endpoint is due and free to claim. */
  async hasDue(workspaceId: WorkspaceId, endpointId: string): Promise<boolean> {
    const [row]: Array<{ due: boolean }> = await this.deliveries.query(
      `SELECT EXISTS (
         SELECT 1 FROM "public"."webhook_deliveries"
         WHERE workspace_id = $1 AND endpoint_id = $2 AND status = 'pending' AND next_attempt_at <= now()
           AND (lease_until IS NULL OR lease_until <= now())) AS due`,
      [workspaceId, endpointId],
    );
    return row?.due ?? false;
  }

  /** When the endpoint's next pending delivery that is not due yet will be, or null when none waits. */
  async nextDueAfterNow(workspaceId: WorkspaceId, endpointId: string): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await this.deliveries.query(
      `SELECT min(next_attempt_at) AS at FROM "public"."webhook_deliveries"
       WHERE workspace_id = $1 AND endpoint_id = $2 AND status = 'pending' AND next_attempt_at > now()`,
      [workspaceId, endpointId],
    );
    return row?.at ?? null;
  }

  /** Newest first, keyset-paginated on (created_at, id), each with its event and attempts. */
  async log(workspaceId: WorkspaceId, endpointId: string, filters: DeliveryLogFilters): Promise<DeliveryLogEntry[]> {
    const query = this.deliveries
      .createQueryBuilder('d')
      .innerJoin('webhook_events', 'e', 'e.id = d.event_id')
      .addSelect(['e.type AS event_type', 'e.body AS event_body'])
      .where('d.workspace_id = :workspaceId AND d.endpoint_id = :endpointId', { workspaceId, endpointId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(filters.limit);
    if (filters.status) query.andWhere('d.status = :status', { status: filters.status });
    if (filters.after) {
      query.andWhere('(d.created_at, d.id) < (:afterAt, :afterId::uuid)', { afterAt: filters.after.createdAt, afterId: filters.after.id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ event_type: WebhookEventType; event_body: string }>();
    const attempts =
      entities.length === 0
        ? []
        : await this.attempts.find({ where: { deliveryId: In(entities.map((d) => d.id)) }, order: { at: 'ASC', id: 'ASC' } });
    return entities.map((delivery, index) => ({
      delivery,
      type: raw[index]!.event_type,
      body: raw[index]!.event_body,
      attempts: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
    }));
  }

  async findEntry(workspaceId: WorkspaceId, endpointId: string, id: string): Promise<DeliveryLogEntry | null> {
    const delivery = await this.deliveries.findOneBy({ workspaceId, endpointId, id });
    if (!delivery) return null;
    const [event]: Array<{ type: WebhookEventType; body: string }> = await this.deliveries.query(
      `SELECT type, body FROM "public"."webhook_events" WHERE id = $1`,
      [delivery.eventId],
    );
    const attempts = await this.attempts.find({ where: { deliveryId: id }, order: { at: 'ASC', id: 'ASC' } });
    return { delivery, type: event!.type, body: event!.body, attempts };
  }

  /**
   * Takes one delivery for an attempt now, whatever became of it (its attempts so far stay in the
   * log): null when there is no such delivery, `held` while an attempt of it is in flight.
   */
  async takeNow(workspaceId: WorkspaceId, endpointId: string, id: string, leaseMs: number): Promise<ClaimedDelivery | 'held' | null> {
    const [rows] = (await this.deliveries.query(
      `UPDATE "public"."webhook_deliveries" d SET status = 'pending', next_attempt_at = now(),
         lease_until = now() + ${interval('$4')}, updated_at = now()
       FROM "public"."webhook_events" e
       WHERE d.workspace_id = $1 AND d.endpoint_id = $2 AND d.id = $3 AND e.id = d.event_id
         AND (d.lease_until IS NULL OR d.lease_until <= now())
       RETURNING d.id, d.event_id AS "eventId", e.type, e.body, d.attempts`,
      [workspaceId, endpointId, id, leaseMs],
    )) as [ClaimedDelivery[], number];
    if (rows[0]) return rows[0];
    return (await this.deliveries.existsBy({ workspaceId, endpointId, id })) ? 'held' : null;
  }

  /** Every failed delivery of the endpoint made since `since` is due again now; answers how many. */
  async replayFailed(workspaceId: WorkspaceId, endpointId: string, since: Date): Promise<number> {
    const [, affected] = (await this.deliveries.query(
      `UPDATE "public"."webhook_deliveries" SET status = 'pending', next_attempt_at = now(), updated_at = now()
       WHERE workspace_id = $1 AND endpoint_id = $2 AND status = 'failed' AND created_at >= $3`,
      [workspaceId, endpointId, since],
    )) as [unknown, number];
    return affected;
  }

  /**
   * In every workspace, for the reconciler: enabled endpoints nobody owns with a delivery due for
   * longer than `graceMs` (its wake-up was lost with Redis, or the worker owning it died).
   */
  stranded(graceMs: number): Promise<WebhookTarget[]> {
    return this.deliveries.query(
      `SELECT e.workspace_id AS "workspaceId", e.id AS "endpointId" FROM "public"."webhook_endpoints" e
       WHERE e.enabled AND (e.owned_until IS NULL OR e.owned_until < now()) AND EXISTS (
         SELECT 1 FROM "public"."webhook_deliveries" d
         WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at < now() - ${interval('$1')}
           AND (d.lease_until IS NULL OR d.lease_until < now()))`,
      [graceMs],
    );
  }

  /** For the metrics: pending deliveries, and since when the oldest one that is due has waited. */
  async queue(): Promise<{ pending: number; oldestDueAt: Date | null }> {
    const [row]: Array<{ pending: number; oldest: Date | null }> = await this.deliveries.query(
      `SELECT count(*)::int AS pending, min(next_attempt_at) FILTER (WHERE next_attempt_at <= now()) AS oldest
       FROM "public"."webhook_deliveries" WHERE status = 'pending'`,
    );
    return { pending: row?.pending ?? 0, oldestDueAt: row?.oldest ?? null };
  }
}

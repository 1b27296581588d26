import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks. An event is written in the same transaction as the state change it reports
 * (the outbox), with one delivery per endpoint subscribed to it; one worker job at a time owns an
 * endpoint (`owner_token` until `owned_until`) and claims its due deliveries under a lease, so a
 * worker that dies or a Redis that loses its data loses none. Every attempt is kept for the
 * delivery log.
 */
export class Webhooks1763791500000 implements MigrationInterface {
  name = 'Webhooks1763791500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."webhook_endpoints" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "url" text NOT NULL,
        "description" text,
        "event_types" text[] NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "disabled_reason" text,
        "disabled_at" timestamptz,
        "secret_encrypted" text NOT NULL,
        "previous_secret_encrypted" text,
        "previous_secret_expires_at" timestamptz,
        "last_success_at" timestamptz,
        "failing_since" timestamptz,
        "last_error" text,
        "owner_token" uuid,
        "owned_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "webhook_endpoints_workspace" ON "public"."webhook_endpoints" ("workspace_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "public"."webhook_events" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "type" text NOT NULL,
        "body" text NOT NULL,
        "created_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "public"."webhook_deliveries" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL,
        "endpoint_id" uuid NOT NULL REFERENCES "public"."webhook_endpoints"("id") ON DELETE CASCADE,
        "event_id" uuid NOT NULL REFERENCES "public"."webhook_events"("id") ON DELETE CASCADE,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz,
        "lease_until" timestamptz,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL
      ) WITH (fillfactor = 70)`);
    // Room on each page lets a claim (the lease, which no index holds) update its row in place (HOT).
    // The delivery log, newest first, optionally by status.
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_log" ON "public"."webhook_deliveries" ("endpoint_id", "created_at" DESC, "id" DESC)`,
    );
    // What an endpoint's owner claims next, and the reconciler's and the metrics' look at what waits. Per
    // endpoint only: a disabled endpoint's backlog must never be what another endpoint's claim walks through.
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "public"."webhook_deliveries" ("endpoint_id", "next_attempt_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE "public"."webhook_delivery_attempts" (
        "id" bigserial,
        "delivery_id" uuid NOT NULL REFERENCES "public"."webhook_deliveries"("id") ON DELETE CASCADE,
        "at" timestamptz NOT NULL,
        "status_code" integer,
        "duration_ms" integer NOT NULL,
        "response" text,
        "error" text,
        PRIMARY KEY ("delivery_id", "id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['webhook_delivery_attempts', 'webhook_deliveries', 'webhook_events', 'webhook_endpoints']) {
      await queryRunner.query(`DROP TABLE "public"."${table}"`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Messages1763790200000 implements MigrationInterface {
  name = 'Messages1763790200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."messages" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "integration_id" uuid NOT NULL,
        "type" text NOT NULL CHECK ("type" IN ('transactional', 'marketing')),
        "status" text NOT NULL DEFAULT 'queued' CHECK ("status" IN ('queued', 'sending', 'sent', 'failed', 'suppressed')),
        "from_email" text NOT NULL,
        "from_name" text,
        "to" jsonb NOT NULL,
        "cc" jsonb NOT NULL DEFAULT '[]',
        "bcc" jsonb NOT NULL DEFAULT '[]',
        "reply_to" text,
        "subject" text NOT NULL,
        "html" text,
        "text" text,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "tracking_opens" boolean NOT NULL,
        "tracking_clicks" boolean NOT NULL,
        "tags" text[] NOT NULL DEFAULT '{}',
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "idempotency_key" text,
        "idempotency_fingerprint" text,
        "message_id_header" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "smtp_response" text,
        "error_code" text,
        "error_message" text,
        "error_hint" text,
        "lease_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "sent_at" timestamptz
      )`);
    // Concurrent requests with one Idempotency-Key: the database lets exactly one insert through.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messages_idempotency" ON "public"."messages" ("workspace_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "messages_listing" ON "public"."messages" ("workspace_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "messages_tags" ON "public"."messages" USING gin ("tags")`);
    await queryRunner.query(`CREATE INDEX "messages_to" ON "public"."messages" USING gin ("to" jsonb_path_ops)`);
    // The outbox reconciler only ever looks at unfinished messages.
    await queryRunner.query(
      `CREATE INDEX "messages_unfinished" ON "public"."messages" ("updated_at") WHERE "status" IN ('queued', 'sending')`,
    );
    await queryRunner.query(`
      CREATE TABLE "public"."message_events" (
        "id" bigserial PRIMARY KEY,
        "workspace_id" uuid NOT NULL,
        "message_id" uuid NOT NULL REFERENCES "public"."messages"("id") ON DELETE CASCADE,
        "type" text NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "detail" text,
        "url" text,
        "bot" boolean NOT NULL DEFAULT false,
        "user_agent" text,
        "ip" text
      )`);
    await queryRunner.query(`CREATE INDEX "message_events_message" ON "public"."message_events" ("message_id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."message_events"`);
    await queryRunner.query(`DROP TABLE "public"."messages"`);
  }
}

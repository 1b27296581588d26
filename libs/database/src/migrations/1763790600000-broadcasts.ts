import { MigrationInterface, QueryRunner } from 'typeorm';

export class Broadcasts1763790600000 implements MigrationInterface {
  name = 'Broadcasts1763790600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."broadcasts" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "list_id" uuid NOT NULL,
        "from_email" text,
        "from_name" text,
        "subject" text NOT NULL,
        "html" text,
        "text" text,
        "status" text NOT NULL DEFAULT 'draft'
          CHECK ("status" IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')),
        "scheduled_at" timestamptz,
        "fanout_cursor" uuid,
        "fanout_done" boolean NOT NULL DEFAULT false,
        "recipients" integer NOT NULL DEFAULT 0,
        "skipped" integer NOT NULL DEFAULT 0,
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "broadcasts_list" FOREIGN KEY ("workspace_id", "list_id")
          REFERENCES "public"."lists"("workspace_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "broadcasts_listing" ON "public"."broadcasts" ("workspace_id", "created_at" DESC, "id" DESC)`);
    // Event counts of a broadcast (opened, clicked, unsubscribed) are read per message.
    await queryRunner.query(`CREATE INDEX "message_events_type" ON "public"."message_events" ("message_id", "type")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."message_events_type"`);
    await queryRunner.query(`DROP TABLE "public"."broadcasts"`);
  }
}

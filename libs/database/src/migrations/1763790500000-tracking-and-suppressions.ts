import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackingAndSuppressions1763790500000 implements MigrationInterface {
  name = 'TrackingAndSuppressions1763790500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The HMAC key of a workspace's tracking tokens, encrypted like every other secret.
    await queryRunner.query(`ALTER TABLE "public"."workspaces" ADD "tracking_key_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "public"."messages" ADD "list_id" uuid, ADD "broadcast_id" uuid, ADD "contact_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "messages_broadcast" ON "public"."messages" ("broadcast_id", "status") WHERE "broadcast_id" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "public"."message_links" (
        "message_id" uuid NOT NULL REFERENCES "public"."messages"("id") ON DELETE CASCADE,
        "link_index" integer NOT NULL,
        "workspace_id" uuid NOT NULL,
        "url" text NOT NULL,
        PRIMARY KEY ("message_id", "link_index")
      )`);
    await queryRunner.query(`
      CREATE TABLE "public"."suppressions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "email" text NOT NULL,
        "list_id" uuid,
        "reason" text NOT NULL CHECK ("reason" IN ('unsubscribe', 'manual', 'bounce', 'complaint')),
        "message_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per address and scope; the nil UUID stands for "the whole workspace".
    await queryRunner.query(
      `CREATE UNIQUE INDEX "suppressions_scope" ON "public"."suppressions"
         ("workspace_id", lower("email"), COALESCE("list_id", '00000000-0000-0000-0000-000000000000'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."suppressions"`);
    await queryRunner.query(`DROP TABLE "public"."message_links"`);
    await queryRunner.query(`DROP INDEX "public"."messages_broadcast"`);
    await queryRunner.query(`ALTER TABLE "public"."messages" DROP "list_id", DROP "broadcast_id", DROP "contact_id"`);
    await queryRunner.query(`ALTER TABLE "public"."workspaces" DROP "tracking_key_encrypted"`);
  }
}

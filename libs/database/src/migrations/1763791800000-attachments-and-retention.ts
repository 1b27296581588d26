import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments, how long a workspace keeps what it sent, and forgetting a recipient.
 *
 * - `attachments` holds each file once per workspace, keyed by the sha256 of its bytes, so the
 *   same invoice template sent in a thousand messages is stored once. Its content is stored
 *   uncompressed out of line (STORAGE EXTERNAL): the worker reads it in slices with substring(),
 *   which PostgreSQL then fetches slice by slice instead of decompressing the whole value for each
 *   (attachments are mostly compressed formats already: PDF, images, archives).
 * - `message_attachments` links a message to its files with the name, type and Content-ID it gave
 *   them. The link's foreign key to the file is NO ACTION: a file is only deleted once nothing
 *   links to it. `messages.attachment_bytes` says what a message carries without a join, so a
 *   delivery without attachments costs no extra query and the worker knows a send's size up front.
 * - Workspaces keep bodies (html, text, attachments, tracked links) `retention_bodies_days` and
 *   messages with their events `retention_metadata_days`; `bodies_purged_before` is how far the
 *   daily purge has come, so it never walks the same purged messages again.
 * - Suppressions keep, besides the address, a hash of it salted with the workspace. Erasing a
 *   recipient clears the address and keeps the hash: the address stays suppressed, and nothing
 *   the API shows names it. Lookups go by the hash, which a trigger fills for every writer.
 * - `recipient_erasures` holds an erasure until the worker has done it; the address is cleared then.
 */
export class AttachmentsAndRetention1763791800000 implements MigrationInterface {
  name = 'AttachmentsAndRetention1763791800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."attachments" (
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "sha256" text NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "size" integer NOT NULL CHECK ("size" >= 0),
        "content" bytea NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("workspace_id", "sha256")
      )`);
    await queryRunner.query(`ALTER TABLE "public"."attachments" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    // The purge looks for files no message links to any more among those not used for a while.
    await queryRunner.query(`CREATE INDEX "attachments_last_used" ON "public"."attachments" ("workspace_id", "last_used_at")`);
    await queryRunner.query(`
      CREATE TABLE "public"."message_attachments" (
        "message_id" uuid NOT NULL REFERENCES "public"."messages"("id") ON DELETE CASCADE,
        "position" smallint NOT NULL,
        "workspace_id" uuid NOT NULL,
        "sha256" text NOT NULL,
        "filename" text NOT NULL,
        "content_type" text NOT NULL,
        "content_id" text,
        PRIMARY KEY ("message_id", "position"),
        CONSTRAINT "message_attachments_attachment" FOREIGN KEY ("workspace_id", "sha256")
          REFERENCES "public"."attachments"("workspace_id", "sha256")
      )`);
    await queryRunner.query(`CREATE INDEX "message_attachments_attachment" ON "public"."message_attachments" ("workspace_id", "sha256")`);
    await queryRunner.query(`ALTER TABLE "public"."messages" ADD "attachment_bytes" integer NOT NULL DEFAULT 0`);

    await queryRunner.query(`
      ALTER TABLE "public"."workspaces"
        ADD "retention_bodies_days" integer NOT NULL DEFAULT 30 CHECK ("retention_bodies_days" BETWEEN 1 AND 3650),
        ADD "retention_metadata_days" integer NOT NULL DEFAULT 400 CHECK ("retention_metadata_days" BETWEEN 1 AND 3650),
        ADD "bodies_purged_before" timestamptz,
        ADD CONSTRAINT "workspaces_bodies_within_metadata" CHECK ("retention_bodies_days" <= "retention_metadata_days")`);

    await queryRunner.query(`
      CREATE FUNCTION "public"."address_hash"(workspace_id uuid, email text) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT encode(sha256(convert_to(workspace_id::text || ':' || lower(email), 'UTF8')), 'hex') $$`);
    await queryRunner.query(`ALTER TABLE "public"."suppressions" ADD "email_hash" text, ALTER COLUMN "email" DROP NOT NULL`);
    await queryRunner.query(`UPDATE "public"."suppressions" SET "email_hash" = "public"."address_hash"("workspace_id", "email")`);
    await queryRunner.query(`ALTER TABLE "public"."suppressions" ALTER COLUMN "email_hash" SET NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION "public"."suppressions_hash_email"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email IS NOT NULL THEN
          NEW.email_hash := "public"."address_hash"(NEW.workspace_id, NEW.email);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "suppressions_hash_email" BEFORE INSERT OR UPDATE OF "email" ON "public"."suppressions"
      FOR EACH ROW EXECUTE FUNCTION "public"."suppressions_hash_email"()`);
    await queryRunner.query(`DROP INDEX "public"."suppressions_scope"`);
    // One row per address and scope, as before; the nil UUID stands for "the whole workspace".
    await queryRunner.query(
      `CREATE UNIQUE INDEX "suppressions_scope" ON "public"."suppressions"
         ("workspace_id", "email_hash", COALESCE("list_id", '00000000-0000-0000-0000-000000000000'))`,
    );

    await queryRunner.query(`
      CREATE TABLE "public"."recipient_erasures" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "email" text,
        "actor_type" text NOT NULL,
        "actor_id" text,
        "actor_label" text NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        "messages" integer NOT NULL DEFAULT 0,
        "contacts" integer NOT NULL DEFAULT 0,
        "suppressions" integer NOT NULL DEFAULT 0,
        CONSTRAINT "recipient_erasures_address_until_done" CHECK (("email" IS NULL) = ("completed_at" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "recipient_erasures_pending" ON "public"."recipient_erasures" ("requested_at") WHERE "completed_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."recipient_erasures"`);
    await queryRunner.query(`DROP INDEX "public"."suppressions_scope"`);
    await queryRunner.query(`DROP TRIGGER "suppressions_hash_email" ON "public"."suppressions"`);
    await queryRunner.query(`DROP FUNCTION "public"."suppressions_hash_email"()`);
    // Erased addresses have no address left to go back to.
    await queryRunner.query(`DELETE FROM "public"."suppressions" WHERE "email" IS NULL`);
    await queryRunner.query(`ALTER TABLE "public"."suppressions" DROP "email_hash", ALTER COLUMN "email" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "suppressions_scope" ON "public"."suppressions"
         ("workspace_id", lower("email"), COALESCE("list_id", '00000000-0000-0000-0000-000000000000'))`,
    );
    await queryRunner.query(`DROP FUNCTION "public"."address_hash"(uuid, text)`);
    await queryRunner.query(`
      ALTER TABLE "public"."workspaces" DROP CONSTRAINT "workspaces_bodies_within_metadata",
        DROP "retention_bodies_days", DROP "retention_metadata_days", DROP "bodies_purged_before"`);
    await queryRunner.query(`ALTER TABLE "public"."messages" DROP "attachment_bytes"`);
    await queryRunner.query(`DROP TABLE "public"."message_attachments"`);
    await queryRunner.query(`DROP TABLE "public"."attachments"`);
  }
}

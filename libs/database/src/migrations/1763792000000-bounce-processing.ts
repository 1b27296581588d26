import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bounce processing: reading delivery reports and complaints back from an integration's mailbox over IMAP.
 *
 * - Integrations say where that mailbox is (`bounces_*`), how to log in to it (`same`: the
 *   integration's own credentials; `basic`: a login of its own, its password a SecretBox ciphertext
 *   bound to the row like the other secrets) and whether the envelope sender of what the integration
 *   sends becomes that mailbox, so that bounces for every sender come back where Mailroom looks.
 *   The watcher writes how its last look went (`bounces_state`: pending until the first one).
 * - Messages can end `bounced`; events gain `bounce` and `complaint`, whose particulars (kind, status,
 *   diagnostic, reporting MTA; feedback type) sit in `report`, empty on every other event.
 * - `messages.complained_at`: when the recipient first complained, so the messages list can filter on
 *   it through a small partial index instead of probing every message's events.
 * - `suppress_transactional_on_bounce`: a hard bounce or a complaint also stops transactional mail
 *   to the address unless the workspace turns it off.
 * - `message_stats` counts bounces and complaints per hour for the overview's bounce rate.
 * - `processed_mailbox_reports` remembers each report by the mailbox and its Message-ID (else a hash
 *   of its bytes), so a report two watchers both read is processed once.
 */
export class BounceProcessing1763792000000 implements MigrationInterface {
  name = 'BounceProcessing1763792000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "public"."integrations"
        ADD "bounces_enabled" boolean NOT NULL DEFAULT false,
        ADD "bounces_host" text,
        ADD "bounces_port" integer CHECK ("bounces_port" BETWEEN 1 AND 65535),
        ADD "bounces_security" text CHECK ("bounces_security" IN ('tls', 'starttls', 'none')),
        ADD "bounces_folder" text NOT NULL DEFAULT 'INBOX',
        ADD "bounces_processed_folder" text NOT NULL DEFAULT 'Mailroom/Processed',
        ADD "bounces_auth_type" text NOT NULL DEFAULT 'same' CHECK ("bounces_auth_type" IN ('same', 'basic')),
        ADD "bounces_username" text,
        ADD "bounces_password_encrypted" text,
        ADD "bounces_envelope_sender" text NOT NULL DEFAULT 'watched_mailbox'
          CHECK ("bounces_envelope_sender" IN ('watched_mailbox', 'from')),
        ADD "bounces_state" text NOT NULL DEFAULT 'disabled' CHECK ("bounces_state" IN ('pending', 'ok', 'failing', 'disabled')),
        ADD "bounces_last_error" text,
        ADD "bounces_hint" text,
        ADD "bounces_checked_at" timestamptz,
        ADD CONSTRAINT "integrations_bounces_mailbox" CHECK (NOT "bounces_enabled" OR ("bounces_host" IS NOT NULL AND "bounces_port" IS NOT NULL AND "bounces_security" IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE "public"."messages" DROP CONSTRAINT "messages_status_check",
        ADD CONSTRAINT "messages_status_check" CHECK ("status" IN ('queued', 'sending', 'sent', 'failed', 'suppressed', 'bounced'))`);
    await queryRunner.query(`ALTER TABLE "public"."message_events" ADD "report" jsonb`);
    await queryRunner.query(`ALTER TABLE "public"."messages" ADD "complained_at" timestamptz`);
    await queryRunner.query(
      `CREATE INDEX "messages_complained" ON "public"."messages" ("workspace_id", "created_at" DESC, "id" DESC) WHERE "complained_at" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "public"."workspaces" ADD "suppress_transactional_on_bounce" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`
      ALTER TABLE "public"."message_stats"
        ADD "bounced" integer NOT NULL DEFAULT 0,
        ADD "complained" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE "public"."processed_mailbox_reports" (
        "integration_id" uuid NOT NULL REFERENCES "public"."integrations"("id") ON DELETE CASCADE,
        "report_key" text NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("integration_id", "report_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."processed_mailbox_reports"`);
    await queryRunner.query(`ALTER TABLE "public"."message_stats" DROP "bounced", DROP "complained"`);
    await queryRunner.query(`ALTER TABLE "public"."workspaces" DROP "suppress_transactional_on_bounce"`);
    await queryRunner.query(`DELETE FROM "public"."message_events" WHERE type IN ('bounce', 'complaint')`);
    await queryRunner.query(`ALTER TABLE "public"."messages" DROP "complained_at"`);
    await queryRunner.query(`ALTER TABLE "public"."message_events" DROP "report"`);
    await queryRunner.query(`UPDATE "public"."messages" SET status = 'sent' WHERE status = 'bounced'`);
    await queryRunner.query(`
      ALTER TABLE "public"."messages" DROP CONSTRAINT "messages_status_check",
        ADD CONSTRAINT "messages_status_check" CHECK ("status" IN ('queued', 'sending', 'sent', 'failed', 'suppressed'))`);
    await queryRunner.query(`
      ALTER TABLE "public"."integrations" DROP CONSTRAINT "integrations_bounces_mailbox",
        DROP "bounces_enabled", DROP "bounces_host", DROP "bounces_port", DROP "bounces_security", DROP "bounces_folder",
        DROP "bounces_processed_folder", DROP "bounces_auth_type", DROP "bounces_username", DROP "bounces_password_encrypted",
        DROP "bounces_envelope_sender", DROP "bounces_state", DROP "bounces_last_error", DROP "bounces_hint", DROP "bounces_checked_at"`);
  }
}

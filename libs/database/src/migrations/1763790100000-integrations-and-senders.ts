import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationsAndSenders1763790100000 implements MigrationInterface {
  name = 'IntegrationsAndSenders1763790100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."integrations" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "host" text NOT NULL,
        "port" integer NOT NULL CHECK ("port" BETWEEN 1 AND 65535),
        "security" text NOT NULL CHECK ("security" IN ('starttls', 'tls', 'none')),
        "ehlo_hostname" text,
        "allow_self_signed_certificate" boolean NOT NULL DEFAULT false,
        "auth_type" text NOT NULL CHECK ("auth_type" IN ('none', 'basic', 'oauth2')),
        "auth_username" text,
        "oauth_provider" text CHECK ("oauth_provider" IN ('microsoft', 'google')),
        "oauth_flow" text CHECK ("oauth_flow" IN ('client_credentials', 'refresh_token')),
        "oauth_tenant_id" text,
        "oauth_client_id" text,
        "password_encrypted" text,
        "client_secret_encrypted" text,
        "refresh_token_encrypted" text,
        "credentials_version" integer NOT NULL DEFAULT 1,
        "usage_transactional" boolean NOT NULL DEFAULT false,
        "usage_marketing" boolean NOT NULL DEFAULT false,
        "rate_limit_per_minute" integer CHECK ("rate_limit_per_minute" > 0),
        "max_connections" integer NOT NULL DEFAULT 5 CHECK ("max_connections" BETWEEN 1 AND 50),
        "status_state" text NOT NULL DEFAULT 'untested'
          CHECK ("status_state" IN ('untested', 'ok', 'failing', 'needs_reconnect')),
        "status_last_error" text,
        "status_hint" text,
        "status_checked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "integrations_workspace_id" ON "public"."integrations" ("workspace_id")`);
    // One holder per usage per workspace, decided by the database so concurrent requests cannot both win.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "integrations_one_transactional" ON "public"."integrations" ("workspace_id") WHERE "usage_transactional"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "integrations_one_marketing" ON "public"."integrations" ("workspace_id") WHERE "usage_marketing"`,
    );
    await queryRunner.query(`
      CREATE TABLE "public"."senders" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "integration_id" uuid NOT NULL REFERENCES "public"."integrations"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "email" text NOT NULL,
        "is_default" boolean NOT NULL DEFAULT false,
        "position" integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "senders_integration_email" ON "public"."senders" ("integration_id", lower("email"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "senders_one_default" ON "public"."senders" ("integration_id") WHERE "is_default"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."senders"`);
    await queryRunner.query(`DROP TABLE "public"."integrations"`);
  }
}

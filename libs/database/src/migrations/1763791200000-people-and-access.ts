import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who sign in to the dashboard: users, their sessions, their roles in workspaces, pending
 * invitations, single-use links (first-run set-up, password reset) and the audit log.
 * Every token is stored as its sha256 only; the clear value exists once, in the answer that issues it.
 */
export class PeopleAndAccess1763791200000 implements MigrationInterface {
  name = 'PeopleAndAccess1763791200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."users" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "password_hash" text NOT NULL,
        "is_operator" boolean NOT NULL DEFAULT false,
        "totp_secret_encrypted" text,
        "totp_enabled_at" timestamptz,
        "recovery_code_hashes" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email" ON "public"."users" (lower("email"))`);
    await queryRunner.query(`
      CREATE TABLE "public"."user_sessions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "public"."users"("id") ON DELETE CASCADE,
        "token_hash" text NOT NULL,
        "user_agent" text,
        "ip" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "user_sessions_token_hash" ON "public"."user_sessions" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "user_sessions_user_id" ON "public"."user_sessions" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "public"."workspace_members" (
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "public"."users"("id") ON DELETE CASCADE,
        "role" text NOT NULL CHECK ("role" IN ('admin', 'member', 'viewer')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("workspace_id", "user_id")
      )`);
    await queryRunner.query(`CREATE INDEX "workspace_members_user_id" ON "public"."workspace_members" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "public"."invitations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "email" text NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('admin', 'member', 'viewer')),
        "token_hash" text NOT NULL,
        "invited_by" uuid REFERENCES "public"."users"("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "accepted_at" timestamptz,
        "revoked_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "invitations_token_hash" ON "public"."invitations" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "invitations_workspace_id" ON "public"."invitations" ("workspace_id", "created_at" DESC)`);
    await queryRunner.query(`
      CREATE TABLE "public"."single_use_tokens" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "purpose" text NOT NULL CHECK ("purpose" IN ('setup', 'password-reset')),
        "token_hash" text NOT NULL,
        "user_id" uuid REFERENCES "public"."users"("id") ON DELETE CASCADE,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "single_use_tokens_token_hash" ON "public"."single_use_tokens" ("token_hash")`);
    await queryRunner.query(`
      CREATE TABLE "public"."audit_events" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor_type" text NOT NULL CHECK ("actor_type" IN ('user', 'api_key', 'operator')),
        "actor_id" text,
        "actor_label" text NOT NULL,
        "action" text NOT NULL,
        "target" text,
        "details" jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX "audit_events_workspace_at" ON "public"."audit_events" ("workspace_id", "at" DESC, "id" DESC)`);
    await queryRunner.query(
      `CREATE INDEX "audit_events_operator_at" ON "public"."audit_events" ("at" DESC, "id" DESC) WHERE "workspace_id" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "public"."workspaces" ADD COLUMN "require_totp" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "public"."workspaces" DROP COLUMN "require_totp"`);
    for (const table of ['audit_events', 'single_use_tokens', 'invitations', 'workspace_members', 'user_sessions', 'users']) {
      await queryRunner.query(`DROP TABLE "public"."${table}"`);
    }
  }
}

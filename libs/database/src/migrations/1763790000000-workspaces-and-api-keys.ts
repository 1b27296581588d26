import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspacesAndApiKeys1763790000000 implements MigrationInterface {
  name = 'WorkspacesAndApiKeys1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."workspaces" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "tracking_opens" boolean NOT NULL DEFAULT true,
        "tracking_clicks" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "public"."api_keys" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "scopes" text[] NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_keys_key_hash" ON "public"."api_keys" ("key_hash")`);
    await queryRunner.query(`CREATE INDEX "api_keys_workspace_id" ON "public"."api_keys" ("workspace_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."api_keys"`);
    await queryRunner.query(`DROP TABLE "public"."workspaces"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored templates with their immutable versions, and broadcasts made from one. */
export class Templates1763791470000 implements MigrationInterface {
  name = 'Templates1763791470000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."templates" (
        "id" uuid PRIMARY KEY,
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "key" text NOT NULL,
        "version" integer NOT NULL CHECK ("version" >= 1),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "templates_key" UNIQUE ("workspace_id", "key"),
        CONSTRAINT "templates_workspace_id" UNIQUE ("workspace_id", "id")
      )`);
    // A version belongs to a template of the same workspace, so no query can join across tenants.
    await queryRunner.query(`
      CREATE TABLE "public"."template_versions" (
        "template_id" uuid NOT NULL,
        "version" integer NOT NULL CHECK ("version" >= 1),
        "workspace_id" uuid NOT NULL,
        "name" text NOT NULL,
        "subject" text NOT NULL,
        "html" text,
        "text" text,
        "strict" boolean NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("template_id", "version"),
        CONSTRAINT "template_versions_template" FOREIGN KEY ("workspace_id", "template_id")
          REFERENCES "public"."templates"("workspace_id", "id") ON DELETE CASCADE,
        CONSTRAINT "template_versions_body" CHECK ("html" IS NOT NULL OR "text" IS NOT NULL)
      )`);
    await queryRunner.query(`
      ALTER TABLE "public"."broadcasts"
        ADD COLUMN "template_id" uuid REFERENCES "public"."templates"("id") ON DELETE SET NULL,
        ADD COLUMN "template_version" integer`);
    await queryRunner.query(`CREATE INDEX "broadcasts_template" ON "public"."broadcasts" ("template_id") WHERE "template_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."broadcasts_template"`);
    await queryRunner.query(`ALTER TABLE "public"."broadcasts" DROP COLUMN "template_version", DROP COLUMN "template_id"`);
    await queryRunner.query(`DROP TABLE "public"."template_versions"`);
    await queryRunner.query(`DROP TABLE "public"."templates"`);
  }
}

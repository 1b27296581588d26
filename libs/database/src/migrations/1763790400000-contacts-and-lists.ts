import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactsAndLists1763790400000 implements MigrationInterface {
  name = 'ContactsAndLists1763790400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // created_at has millisecond precision so the keyset cursor (a JS Date) matches it exactly.
    // UNIQUE (workspace_id, id) exists only as the target of the memberships' composite foreign
    // keys, which make a membership joining two workspaces impossible, whatever a query does.
    await queryRunner.query(`
      CREATE TABLE "public"."contacts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "email" text NOT NULL,
        "first_name" text,
        "last_name" text,
        "attributes" jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof("attributes") = 'object'),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "contacts_workspace_id_id" UNIQUE ("workspace_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "contacts_workspace_email" ON "public"."contacts" ("workspace_id", lower("email"))`);
    await queryRunner.query(`CREATE INDEX "contacts_listing" ON "public"."contacts" ("workspace_id", "created_at" DESC, "id" DESC)`);

    await queryRunner.query(`
      CREATE TABLE "public"."lists" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "description" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "lists_workspace_id_id" UNIQUE ("workspace_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "lists_listing" ON "public"."lists" ("workspace_id", "created_at" DESC, "id" DESC)`);

    await queryRunner.query(`
      CREATE TABLE "public"."list_memberships" (
        "list_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "workspace_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'subscribed' CHECK ("status" IN ('subscribed', 'unsubscribed')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "unsubscribed_at" timestamptz,
        PRIMARY KEY ("list_id", "contact_id"),
        CONSTRAINT "list_memberships_list" FOREIGN KEY ("workspace_id", "list_id")
          REFERENCES "public"."lists"("workspace_id", "id") ON DELETE CASCADE,
        CONSTRAINT "list_memberships_contact" FOREIGN KEY ("workspace_id", "contact_id")
          REFERENCES "public"."contacts"("workspace_id", "id") ON DELETE CASCADE,
        CONSTRAINT "list_memberships_unsubscribed_at" CHECK (("status" = 'unsubscribed') = ("unsubscribed_at" IS NOT NULL))
      )`);
    // Broadcasts page through a list's subscribed members by contact id; this index holds exactly those rows.
    await queryRunner.query(
      `CREATE INDEX "list_memberships_subscribed" ON "public"."list_memberships" ("list_id", "contact_id") WHERE "status" = 'subscribed'`,
    );
    // Deleting a contact cascades here, and unsubscribe looks up every list of a contact.
    await queryRunner.query(`CREATE INDEX "list_memberships_contact_id" ON "public"."list_memberships" ("workspace_id", "contact_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."list_memberships"`);
    await queryRunner.query(`DROP TABLE "public"."lists"`);
    await queryRunner.query(`DROP TABLE "public"."contacts"`);
  }
}

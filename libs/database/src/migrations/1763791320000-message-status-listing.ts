import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The messages page filtered by status (`GET …/messages?status=failed`: the failures and the
 * queue are what people look for) walked `messages_listing` newest first and read every row of
 * the workspace to find the few that match: all of them when none does, which grows with the
 * workspace (docs/BENCHMARKS.md, "Measured once"). This index keeps each status's rows in the
 * listing's order, so the same keyset page reads only matching rows; other filters combined with
 * a status (type, recipient, days) then read only that status's rows.
 */
export class MessageStatusListing1763791320000 implements MigrationInterface {
  name = 'MessageStatusListing1763791320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "messages_status_listing" ON "public"."messages" ("workspace_id", "status", "created_at" DESC, "id" DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."messages_status_listing"`);
  }
}

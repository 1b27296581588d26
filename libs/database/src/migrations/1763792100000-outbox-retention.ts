import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily purge now also removes webhook events (with their deliveries and attempts) and
 * processed mailbox reports past a workspace's metadata retention; these indexes let it find the
 * oldest of one workspace without reading the rest.
 */
export class OutboxRetention1763792100000 implements MigrationInterface {
  name = 'OutboxRetention1763792100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "webhook_events_workspace_created" ON "public"."webhook_events" ("workspace_id", "created_at")`);
    await queryRunner.query(
      `CREATE INDEX "processed_mailbox_reports_processed" ON "public"."processed_mailbox_reports" ("integration_id", "processed_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."processed_mailbox_reports_processed"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_workspace_created"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** A broadcast whose template cannot be rendered stops as `failed`, and says why. */
export class BroadcastFailureReason1763791100000 implements MigrationInterface {
  name = 'BroadcastFailureReason1763791100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "public"."broadcasts" ADD COLUMN "failure_reason" text`);
    await queryRunner.query(`ALTER TABLE "public"."broadcasts" DROP CONSTRAINT "broadcasts_status_check"`);
    await queryRunner.query(`
      ALTER TABLE "public"."broadcasts" ADD CONSTRAINT "broadcasts_status_check"
        CHECK ("status" IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "public"."broadcasts" SET "status" = 'cancelled' WHERE "status" = 'failed'`);
    await queryRunner.query(`ALTER TABLE "public"."broadcasts" DROP CONSTRAINT "broadcasts_status_check"`);
    await queryRunner.query(`
      ALTER TABLE "public"."broadcasts" ADD CONSTRAINT "broadcasts_status_check"
        CHECK ("status" IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE "public"."broadcasts" DROP COLUMN "failure_reason"`);
  }
}

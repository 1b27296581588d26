import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overview's chart (`GET …/stats`): sent, failed, human opens and human clicks per hour and
 * message type. Counted from `message_events` at read time it needed every event of the period
 * joined to its message for the type, hundreds of milliseconds for a workspace of 100,000
 * messages; kept per hour, a month is at most 720 rows a type. The two writers of counted events
 * (the delivery status writer and the tracking event writer) know each message's type, sum their
 * batch's counts and add them in the transaction that writes the events: a trigger doing the same
 * had to look up every event's message and cost each event write about 60% more
 * (docs/BENCHMARKS.md, "Measured once"). Hours are UTC hours. The counters stay when messages are
 * deleted: what was sent was sent. Events written before this migration are counted once, here.
 */
export class MessageStats1763791310000 implements MigrationInterface {
  name = 'MessageStats1763791310000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "public"."message_stats" (
        "workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id") ON DELETE CASCADE,
        "hour" timestamptz NOT NULL,
        "type" text NOT NULL,
        "sent" integer NOT NULL DEFAULT 0,
        "failed" integer NOT NULL DEFAULT 0,
        "opened" integer NOT NULL DEFAULT 0,
        "clicked" integer NOT NULL DEFAULT 0,
        PRIMARY KEY ("workspace_id", "hour", "type")
      )`);
    await queryRunner.query(`
      INSERT INTO "public"."message_stats" (workspace_id, hour, type, sent, failed, opened, clicked)
      SELECT e.workspace_id, date_trunc('hour', e.at, 'UTC'), m.type,
        count(*) FILTER (WHERE e.type = 'sent'), count(*) FILTER (WHERE e.type = 'failed'),
        count(*) FILTER (WHERE e.type = 'open'), count(*) FILTER (WHERE e.type = 'click')
      FROM "public"."message_events" e JOIN "public"."messages" m ON m.id = e.message_id AND m.workspace_id = e.workspace_id
      WHERE e.type IN ('sent', 'failed', 'open', 'click') AND NOT e.bot
      GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public"."message_stats"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overview's chart (`GET …/stats`): sent, failed, human opens and human clicks per hour and
 * message type. Counted from `message_events` at read time it needed every event of the period
 * joined to its message for the type, hundreds of milliseconds for a workspace of 100,000
 * messages; kept per hour as the events are written, a month is at most 720 rows a type.
 * A statement trigger does the counting, so every writer of events (delivery, tracking,
 * unsubscribe) is counted the same way and a COPY of a thousand events costs one upsert of the
 * few hours and types it touches. Rows are locked in key order, so two writers never deadlock.
 * Hours are UTC hours. The counters stay when messages are deleted: what was sent was sent.
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
      CREATE FUNCTION "public"."count_message_events"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "public"."message_stats" AS s (workspace_id, hour, type, sent, failed, opened, clicked)
        ${countsOf('new_events')}
        ON CONFLICT (workspace_id, hour, type) DO UPDATE SET
          sent = s.sent + excluded.sent,
          failed = s.failed + excluded.failed,
          opened = s.opened + excluded.opened,
          clicked = s.clicked + excluded.clicked;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "message_events_count" AFTER INSERT ON "public"."message_events"
      REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT
      EXECUTE FUNCTION "public"."count_message_events"()`);
    await queryRunner.query(`INSERT INTO "public"."message_stats" (workspace_id, hour, type, sent, failed, opened, clicked)
      ${countsOf('"public"."message_events"')}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "message_events_count" ON "public"."message_events"`);
    await queryRunner.query(`DROP FUNCTION "public"."count_message_events"()`);
    await queryRunner.query(`DROP TABLE "public"."message_stats"`);
  }
}

/** The counters of `events` per workspace, UTC hour and message type, in key order; machine opens and clicks are not counted. */
function countsOf(events: string): string {
  return `SELECT e.workspace_id, date_trunc('hour', e.at, 'UTC') AS hour, m.type,
          count(*) FILTER (WHERE e.type = 'sent'), count(*) FILTER (WHERE e.type = 'failed'),
          count(*) FILTER (WHERE e.type = 'open'), count(*) FILTER (WHERE e.type = 'click')
        FROM ${events} e CROSS JOIN LATERAL (
          SELECT type FROM "public"."messages" WHERE id = e.message_id AND workspace_id = e.workspace_id
        ) m
        WHERE e.type IN ('sent', 'failed', 'open', 'click') AND NOT e.bot
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`;
}

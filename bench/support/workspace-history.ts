import { Client } from 'pg';
import type { BenchDeployment } from './bench-deployment';
import { CONTENT, recipient, SENDER } from './sample-message';

/** What (g) seeded, for choosing what to ask for. */
export interface SeededHistory {
  /** A message with a sent event, a retry before it, opens (one by a proxy) and a click: the fullest timeline. */
  busyMessageId: string;
  /** A recipient with a few messages among the others'. */
  recipient: string;
  /** Rows written to `message_events`. */
  events: number;
}

/** Distinct recipients of the seeded messages: each has a few dozen, as customers of a shop do. */
const RECIPIENTS = 20_000;

/**
 * A workspace's month of mail written straight into the bench database: set-up, so one
 * `INSERT … SELECT generate_series` per table instead of 100,000 sends. Message n was created n
 * thirtieth-of-a-month slices ago (newest first); one in five is marketing; most are sent, one
 * in fifty failed, one in a hundred suppressed, the newest few queued. Events follow from the
 * status: a retry for one sent message in twenty, a sent or failed event, a machine open (a mail
 * proxy) for one in ten, a human open for one in three and a click for one in twelve. The
 * overview's counters get what the app's writers would have added for those events. VACUUM
 * ANALYZE afterwards, as autovacuum would soon do on a real database.
 */
export class WorkspaceHistory {
  private constructor(private readonly client: Client) {}

  static async connect(deployment: BenchDeployment): Promise<WorkspaceHistory> {
    const client = new Client({ connectionString: deployment.databaseUrl });
    await client.connect();
    return new WorkspaceHistory(client);
  }

  async seed(workspaceId: string, integrationId: string, messages: number, contacts: number): Promise<SeededHistory> {
    await this.client.query(
      `INSERT INTO "public"."messages" (id, workspace_id, integration_id, type, status, from_email, from_name, "to", subject,
         html, text, tracking_opens, tracking_clicks, tags, message_id_header, attempts, smtp_response, error_code, error_message,
         sent_at, created_at, updated_at)
       SELECT id, $1, $2, CASE WHEN n % 5 = 0 THEN 'marketing' ELSE 'transactional' END, status, $3, $4,
         jsonb_build_array(jsonb_build_object('email', 'customer' || (n % $7) || '@example.com')), $5 || ' #' || n,
         $6, $8, true, true,
         CASE n % 10 WHEN 0 THEN '{welcome}'::text[] WHEN 1 THEN '{receipt}'::text[] ELSE '{}'::text[] END,
         '<' || id || '@example.com>', CASE WHEN status = 'queued' THEN 0 ELSE 1 END,
         CASE WHEN status = 'sent' THEN '250 2.0.0 OK queued' END,
         CASE WHEN status = 'failed' THEN 'EENVELOPE' END, CASE WHEN status = 'failed' THEN '550 5.1.1 User unknown' END,
         CASE WHEN status = 'sent' THEN at + interval '1 second' END, at, at + interval '1 second'
       FROM (
         SELECT n, gen_random_uuid() AS id, now() - n * interval '30 days' / $9 AS at,
           CASE WHEN n <= 500 AND n % 5 = 1 THEN 'queued' WHEN n % 50 = 7 THEN 'failed' WHEN n % 100 = 3 THEN 'suppressed' ELSE 'sent' END
             AS status
         FROM generate_series(1, $9::int) AS n
       ) AS seeded`,
      [workspaceId, integrationId, SENDER.email, SENDER.name, CONTENT.subject, CONTENT.html, RECIPIENTS, CONTENT.text, messages],
    );
    const events = await this.client.query(
      `INSERT INTO "public"."message_events" (workspace_id, message_id, type, at, detail, url, bot)
       SELECT m.workspace_id, m.id, e.type, m.created_at + e.after, e.detail, e.url, e.bot
       FROM (SELECT *, row_number() OVER (ORDER BY created_at DESC) AS n FROM "public"."messages" WHERE workspace_id = $1) AS m
       CROSS JOIN LATERAL (VALUES
         ('retry', interval '0.5 second', '451 4.3.0 Try again later', NULL, false, m.status = 'sent' AND m.n % 20 = 2),
         ('sent', interval '1 second', m.smtp_response, NULL, false, m.status = 'sent'),
         ('failed', interval '1 second', m.error_message, NULL, false, m.status = 'failed'),
         ('open', interval '1 minute', 'apple-mail-privacy-protection', NULL, true, m.status = 'sent' AND m.n % 10 = 2),
         ('open', interval '1 hour', NULL, NULL, false, m.status = 'sent' AND m.n % 3 = 2),
         ('click', interval '61 minutes', NULL, 'https://shop.example.com/order', false, m.status = 'sent' AND m.n % 12 = 2)
       ) AS e(type, after, detail, url, bot, happened)
       WHERE e.happened`,
      [workspaceId],
    );
    await this.client.query(
      `INSERT INTO "public"."message_stats" (workspace_id, hour, type, sent, failed, opened, clicked)
       SELECT e.workspace_id, date_trunc('hour', e.at, 'UTC'), m.type,
         count(*) FILTER (WHERE e.type = 'sent'), count(*) FILTER (WHERE e.type = 'failed'),
         count(*) FILTER (WHERE e.type = 'open'), count(*) FILTER (WHERE e.type = 'click')
       FROM "public"."message_events" e JOIN "public"."messages" m ON m.id = e.message_id
       WHERE e.workspace_id = $1 AND e.type IN ('sent', 'failed', 'open', 'click') AND NOT e.bot
       GROUP BY 1, 2, 3`,
      [workspaceId],
    );
    await this.client.query(
      `INSERT INTO "public"."contacts" (workspace_id, email, first_name, last_name)
       SELECT $1, 'contact' || n || '@example.com', 'First' || n, 'Last' || n FROM generate_series(1, $2::int) AS n`,
      [workspaceId, contacts],
    );
    await this.client.query(
      `INSERT INTO "public"."suppressions" (workspace_id, email, reason)
       SELECT $1, 'customer' || n || '@example.com', 'unsubscribe' FROM generate_series(1, $2::int / 20) AS n`,
      [workspaceId, contacts],
    );
    for (const table of ['messages', 'message_events', 'message_stats', 'contacts', 'suppressions']) {
      await this.client.query(`VACUUM ANALYZE "public"."${table}"`);
    }
    const { rows } = await this.client.query<{ id: string }>(
      `SELECT message_id AS id FROM "public"."message_events" WHERE workspace_id = $1 AND type = 'click'
       AND message_id IN (SELECT message_id FROM "public"."message_events" WHERE type = 'retry') LIMIT 1`,
      [workspaceId],
    );
    return { busyMessageId: rows[0]!.id, recipient: recipient(42), events: events.rowCount ?? 0 };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

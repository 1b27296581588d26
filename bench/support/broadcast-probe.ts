import { Client } from 'pg';
import type { BenchDeployment } from './bench-deployment';

export interface FanOutProgress {
  recipients: number;
  fanoutDone: boolean;
}

/** Seeds a large list straight into the bench database, and reads a broadcast's fan-out progress from it. */
export class BroadcastProbe {
  private constructor(private readonly client: Client) {}

  static async connect(deployment: BenchDeployment): Promise<BroadcastProbe> {
    const client = new Client({ connectionString: deployment.databaseUrl });
    await client.connect();
    return new BroadcastProbe(client);
  }

  /**
   * `count` contacts (`member{n}@example.com`, first and last name, a city attribute), all
   * subscribed to the list: set-up, so one INSERT … SELECT each instead of 10 bulk-add requests.
   * ANALYZE afterwards, as autovacuum would soon do on a real database, so the planner knows the sizes.
   */
  async seedList(workspaceId: string, listId: string, count: number): Promise<void> {
    await this.client.query(
      `INSERT INTO "public"."contacts" (workspace_id, email, first_name, last_name, attributes)
       SELECT $1, 'member' || n || '@example.com', 'First' || n, 'Last' || n, jsonb_build_object('city', 'City' || n)
       FROM generate_series(1, $2::int) AS n`,
      [workspaceId, count],
    );
    await this.client.query(
      `INSERT INTO "public"."list_memberships" (list_id, contact_id, workspace_id)
       SELECT $2, id, workspace_id FROM "public"."contacts" WHERE workspace_id = $1`,
      [workspaceId, listId],
    );
    await this.client.query(`ANALYZE "public"."contacts", "public"."list_memberships"`);
  }

  async progress(broadcastId: string): Promise<FanOutProgress> {
    const { rows } = await this.client.query<{ recipients: number; fanout_done: boolean }>(
      `SELECT recipients, fanout_done FROM "public"."broadcasts" WHERE id = $1`,
      [broadcastId],
    );
    if (!rows[0]) throw new Error(`broadcast ${broadcastId} is not in the database`);
    return { recipients: rows[0].recipients, fanoutDone: rows[0].fanout_done };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

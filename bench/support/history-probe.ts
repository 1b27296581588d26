import { Client } from 'pg';
import type { BenchDeployment } from './bench-deployment';

/**
 * Reads the bench database: how many messages are `sent` is what "history persisted" means;
 * how many opens and clicks are in `message_events` is what "tracking recorded" means.
 */
export class HistoryProbe {
  private constructor(private readonly client: Client) {}

  static async connect(deployment: BenchDeployment): Promise<HistoryProbe> {
    const client = new Client({ connectionString: deployment.databaseUrl });
    await client.connect();
    return new HistoryProbe(client);
  }

  async sent(): Promise<number> {
    const { rows } = await this.client.query<{ sent: number }>(
      `SELECT count(*)::int AS sent FROM "public"."messages" WHERE status = 'sent'`,
    );
    return rows[0]!.sent;
  }

  async trackingEvents(messageIds: string[]): Promise<number> {
    const { rows } = await this.client.query<{ events: number }>(
      `SELECT count(*)::int AS events FROM "public"."message_events" WHERE message_id = ANY($1::uuid[]) AND type IN ('open', 'click')`,
      [messageIds],
    );
    return rows[0]!.events;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { QueueName } from '../../libs/queue/src/queue-names';
import type { BenchDeployment } from './bench-deployment';

/** Reads what (w) measures: an endpoint's deliveries in Postgres; and holds the webhook queue, as an operator can. */
export class WebhookProbe {
  private constructor(
    private readonly client: Client,
    private readonly redis: Redis,
    private readonly queue: Queue,
  ) {}

  static async connect(deployment: BenchDeployment): Promise<WebhookProbe> {
    const client = new Client({ connectionString: deployment.databaseUrl });
    await client.connect();
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    return new WebhookProbe(client, redis, new Queue(QueueName.Webhooks, { connection: redis, prefix: deployment.redisPrefix }));
  }

  /** This probe's PostgreSQL backend: a child of the postmaster, which ProcessCpu starts from. */
  async backendPid(): Promise<number> {
    const { rows } = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return rows[0]!.pid;
  }

  async deliveries(endpointId: string): Promise<{ pending: number; delivered: number }> {
    const { rows } = await this.client.query<{ pending: number; delivered: number }>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'delivered')::int AS delivered
       FROM "public"."webhook_deliveries" WHERE endpoint_id = $1`,
      [endpointId],
    );
    return rows[0]!;
  }

  /** The bodies of the endpoint's pending deliveries, as Mailroom posts them. */
  async pendingBodies(endpointId: string): Promise<string[]> {
    const { rows } = await this.client.query<{ body: string }>(
      `SELECT e.body FROM "public"."webhook_deliveries" d JOIN "public"."webhook_events" e ON e.id = d.event_id
       WHERE d.endpoint_id = $1 AND d.status = 'pending' ORDER BY d.created_at`,
      [endpointId],
    );
    return rows.map((row) => row.body);
  }

  /** No new webhook job starts while the queue is paused; resolves once none runs any more. */
  async pauseDeliveries(): Promise<void> {
    await this.queue.pause();
    while ((await this.queue.getActiveCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  resumeDeliveries(): Promise<void> {
    return this.queue.resume();
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
    await this.client.end();
  }
}

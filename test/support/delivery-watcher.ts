import { QueueEvents } from 'bullmq';
import { QueueName } from '@app/queue';
import { createRedisClient, RedisClient } from '@app/redis';
import type { TestApp } from './test-app';

/**
 * Resolves when deliveries finish: a delivery job completes only after its outcome (sent,
 * failed) is written to Postgres, so tests await that event instead of sleeping or polling.
 * It watches broadcast fan-out jobs too, which complete once their messages are written.
 */
export class DeliveryWatcher {
  private readonly completed = new Set<string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly delayedIds = new Set<string>();
  private readonly delayWaiters = new Map<string, () => void>();
  private readonly events: QueueEvents[];
  /** One each: QueueEvents blocks on its connection, and the config may name a Redis Cluster. */
  private readonly connections: RedisClient[] = [];

  private constructor(app: TestApp) {
    this.events = [QueueName.Transactional, QueueName.Marketing, QueueName.Broadcasts].map((queue) => {
      const connection = createRedisClient(app.config, 'worker');
      this.connections.push(connection);
      const events = new QueueEvents(queue, { connection, prefix: app.config.REDIS_PREFIX });
      events.on('completed', ({ jobId }) => this.done(jobId));
      events.on('delayed', ({ jobId }) => {
        this.delayedIds.add(jobId);
        this.delayWaiters.get(jobId)?.();
      });
      return events;
    });
  }

  static async start(app: TestApp): Promise<DeliveryWatcher> {
    const watcher = new DeliveryWatcher(app);
    await Promise.all(watcher.events.map((events) => events.waitUntilReady()));
    return watcher;
  }

  /** Waits until every message id's delivery job has completed (bounded by `timeoutMs`). */
  finished(messageIds: string[], timeoutMs = 15_000): Promise<void> {
    const pending = messageIds.filter((id) => !this.completed.has(id));
    const all = Promise.all(
      pending.map((id) => new Promise<void>((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]))),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`deliveries not finished within ${timeoutMs} ms: ${pending.filter((id) => !this.completed.has(id)).join(', ')}`),
          ),
        timeoutMs,
      );
    });
    return Promise.race([all.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * Waits until the broadcast's fan-out job has run, whatever it then did (made every message,
   * or stopped at a pause or cancel): after it, no message of the broadcast appears any more.
   * The job id is the one BroadcastProducer gives, one per broadcast.
   */
  fannedOut(broadcastId: string, timeoutMs?: number): Promise<void> {
    return this.finished([`fan-out-${broadcastId}`], timeoutMs);
  }

  /** Resolves once the message's job has been put off (retry backoff, hold, rate limit). */
  delayed(messageId: string): Promise<void> {
    if (this.delayedIds.has(messageId)) return Promise.resolve();
    return new Promise((resolve) => this.delayWaiters.set(messageId, resolve));
  }

  private done(jobId: string): void {
    this.completed.add(jobId);
    for (const resolve of this.waiters.get(jobId) ?? []) resolve();
    this.waiters.delete(jobId);
  }

  async close(): Promise<void> {
    await Promise.all(this.events.map((events) => events.close()));
    for (const connection of this.connections) connection.disconnect();
  }
}

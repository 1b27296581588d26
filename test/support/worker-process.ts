import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QueueName } from '@app/queue';
import { createRedisClient } from '@app/redis';
import { pollUntil } from './poll-until';
import { FAST_DELIVERY_ENV } from './test-config';
import type { TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');

/**
 * The worker as its own process (`apps/worker/src/main.ts`), on an app's database and Redis
 * prefix, so a spec can kill it the hard way, mid-delivery, as a crash or an OOM kill would.
 */
export class WorkerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /** Resolves once the worker serves the webhook queue. */
  static async start(app: TestApp, env: Record<string, string> = {}): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, ...FAST_DELIVERY_ENV, DATABASE_URL: app.config.DATABASE_URL, REDIS_PREFIX: app.config.REDIS_PREFIX, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const worker = new WorkerProcess(child);
    const redis = createRedisClient(app.config, 'request');
    const queue = new Queue(QueueName.Webhooks, { connection: redis, prefix: app.config.REDIS_PREFIX });
    try {
      await pollUntil(
        'the worker process serving the webhook queue',
        async () => {
          if (child.exitCode !== null) throw new Error(`the worker process exited (${child.exitCode}):\n${worker.output}`);
          return queue.getWorkersCount();
        },
        (count) => count > 0,
        { timeoutMs: 30_000, intervalMs: 100 },
      );
    } finally {
      await queue.close();
      redis.disconnect();
    }
    return worker;
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight is recorded. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { QueueName } from '../../libs/queue/src/queue-names';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = 'redis://127.0.0.1:6379';
const DATABASE = 'mailroom_bench';

export type MailroomRole = 'all' | 'api' | 'worker';

/**
 * Everything Mailroom needs for the bench that must not touch anyone else's state: a freshly
 * created database, a Redis key prefix of its own, generated secrets and a temporary directory
 * for the local secrets file (so the checkout's `.mailroom.local.json` is never read or written).
 */
const WORKER_NODE_OPTIONS = '--max-old-space-size=192';

export class BenchDeployment {
  readonly databaseUrl: string;
  readonly redisPrefix = `mailroom-bench-${randomBytes(4).toString('hex')}`;
  readonly adminToken = randomBytes(24).toString('base64url');
  private readonly encryptionKey = randomBytes(32).toString('base64');

  private constructor(
    private readonly database: string,
    private readonly tempDir: string,
  ) {
    this.databaseUrl = `${POSTGRES_URL}/${database}`;
  }

  /** `database` is dropped first if a crashed run left it behind; each deployment needs its own. */
  static async create(database = DATABASE): Promise<BenchDeployment> {
    await administer([`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`, `CREATE DATABASE "${database}"`]);
    return new BenchDeployment(database, await mkdtemp(join(tmpdir(), 'mailroom-bench-')));
  }

  env(role: MailroomRole, port: number): Record<string, string> {
    return {
      NODE_ENV: 'development',
      MAILROOM_ROLE: role,
      PORT: String(port),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: this.redisPrefix,
      LOG_LEVEL: 'warn',
      SMTP_ALLOW_PRIVATE_HOSTS: 'true',
      PLATFORM_ADMIN_TOKEN: this.adminToken,
      ENCRYPTION_KEY: this.encryptionKey,
      LOCAL_SECRETS_FILE: join(this.tempDir, 'mailroom.local.json'),
      // The same heap cap the worker image sets (docker/Dockerfile): V8 otherwise grows the heap
      // lazily far past the ~60 MB actually live during a large fan-out.
      ...(role === 'worker' ? { NODE_OPTIONS: WORKER_NODE_OPTIONS } : {}),
    };
  }

  /**
   * True once a process with `MAILROOM_ROLE=worker` (which has no HTTP to ask) serves this
   * deployment's queues: BullMQ names each worker's Redis connection after its queue.
   */
  async workerRunning(): Promise<boolean> {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue(QueueName.Broadcasts, { connection: redis, prefix: this.redisPrefix });
    try {
      return (await queue.getWorkersCount()) > 0;
    } finally {
      await queue.close();
      redis.disconnect();
    }
  }

  /** Drops the database, deletes every key under the prefix and the temporary directory; safe to call twice. */
  async destroy(): Promise<void> {
    await administer([`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`]);
    await deleteKeys(this.redisPrefix);
    await rm(this.tempDir, { recursive: true, force: true });
  }
}

async function administer(statements: string[]): Promise<void> {
  const client = new Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    // SCAN visits each key a bounded number of times and ends when the cursor returns to 0.
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { createRedisClient, RedisClient } from '@app/redis';
import { QueueWorkers } from '../../apps/worker/src/queue-workers';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { dropRedisPrefix } from './redis-prefix';
import { testConfig } from './test-app';

/** Every state a job waits or runs in; a job that completed or failed is removed (DeliveryProducer). */
const LIVE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'] as const;

export interface WorkerContext {
  module: TestingModule;
  config: AppConfig;
  dataSource: DataSource;
  /** The jobs now waiting, delayed or running on `queue`. */
  jobs(queue: QueueName): Promise<Job[]>;
  /** Empties every table and this context's Redis keys: each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The medium tier's world: the worker's modules as they are wired (real lib modules, real
 * repositories, the real Postgres schema and Redis) on a database and Redis prefix of their own,
 * with no HTTP app and no queue worker, so the jobs a service enqueues stay where a spec can
 * read them. Specs call the services themselves.
 */
export async function startWorkerContext(env: Record<string, string> = {}): Promise<WorkerContext> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, ...env });
  const module = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(QueueWorkers)
    .useValue({})
    .compile();
  module.useLogger(module.get(Logger));
  await module.init();
  const dataSource = module.get(DataSource);
  const redis: RedisClient = createRedisClient(config, 'request');
  const queues = new Map(Object.values(QueueName).map((name) => [name, new Queue(name, { connection: redis, prefix: config.REDIS_PREFIX })]));
  return {
    module,
    config,
    dataSource,
    jobs: (queue) => queues.get(queue)!.getJobs([...LIVE_STATES]),
    reset: async () => {
      const tables = dataSource.entityMetadatas.map((metadata) => `"public"."${metadata.tableName}"`).join(', ');
      await dataSource.query(`TRUNCATE ${tables} CASCADE`);
      await dropRedisPrefix(config);
    },
    close: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      redis.disconnect();
      await module.close();
      await Promise.all([database.drop(), dropRedisPrefix(config)]);
    },
  };
}

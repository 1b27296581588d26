import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppConfig } from '@app/config';
import { LogDestination } from '@app/logging';
import { ApiModule } from '../../apps/api/src/api.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { INestApplicationContext } from '@nestjs/common';
import { configureHttpApp } from '../../apps/api/src/http/configure-http-app';
import { dropRedisPrefix } from './redis-prefix';
import { testConfig } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  database: TestDatabase;
  adminToken: string;
  /** Every log line written so far (with `captureLogs`, at debug level). */
  logs: string[];
  /** The in-process worker, when started with `worker: true`. */
  worker?: INestApplicationContext;
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  captureLogs?: boolean;
  /** Also run the queue worker in this process, on the same database and Redis prefix. */
  worker?: boolean;
  /** The app reaches Postgres on this port (a TcpProxy a test can cut) instead of 5432. */
  databasePort?: number;
  /** Another replica of this app: same database and Redis prefix, left in place when it closes. */
  replicaOf?: TestApp;
}

/**
 * The real API module against its own database and Redis key prefix, configured exactly as
 * `main.ts` configures it. `env` overrides configuration variables for this app only.
 */
export async function startTestApp({
  env = {},
  captureLogs = false,
  worker = false,
  databasePort,
  replicaOf,
}: TestAppOptions = {}): Promise<TestApp> {
  const database = replicaOf?.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const config = testConfig({
    DATABASE_URL: databasePort === undefined ? database.url : database.url.replace(':5432/', `:${databasePort}/`),
    ...(replicaOf ? { REDIS_PREFIX: replicaOf.config.REDIS_PREFIX } : {}),
    ...(captureLogs ? { LOG_LEVEL: 'debug' } : {}),
    ...env,
  });
  const compile = (module: unknown) =>
    Test.createTestingModule({ imports: [module as typeof ApiModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .overrideProvider(LogDestination)
      .useValue(new LogDestination({ write: (line: string) => logs.push(line) }))
      .compile();
  const moduleRef = await compile(ApiModule);
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app);
  await app.init();
  const workers: INestApplicationContext[] = [];
  const startWorker = async () => {
    const context = await compile(WorkerModule);
    // As start-worker.ts does: the worker's log lines go where the app's go, not to the console.
    context.useLogger(context.get(Logger));
    await context.init();
    workers.push(context);
    return context;
  };
  return {
    app,
    worker: worker ? await startWorker() : undefined,
    startWorker,
    http: request(app.getHttpServer()),
    config,
    database,
    adminToken: config.PLATFORM_ADMIN_TOKEN,
    logs,
    close: async () => {
      await Promise.all(workers.map((context) => context.close()));
      await app.close();
      if (!replicaOf) await Promise.all([database.drop(), dropRedisPrefix(config)]);
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppConfig, loadConfig } from '@app/config';
import { LogDestination } from '@app/logging';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttpApp } from '../../apps/api/src/http/configure-http-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  database: TestDatabase;
  adminToken: string;
  /** Every log line written so far (with `captureLogs`, at debug level). */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  captureLogs?: boolean;
}

/**
 * The real API module against its own database and Redis key prefix, configured exactly as
 * `main.ts` configures it. `env` overrides configuration variables for this app only.
 */
export async function startTestApp({ env = {}, captureLogs = false }: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_PREFIX: `mr-test-${randomBytes(4).toString('hex')}`,
    ...(captureLogs ? { LOG_LEVEL: 'debug' } : {}),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(LogDestination)
    .useValue(new LogDestination({ write: (line: string) => logs.push(line) }))
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    database,
    adminToken: config.PLATFORM_ADMIN_TOKEN,
    logs,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

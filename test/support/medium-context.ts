import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { RedisModule } from '@app/redis';
import { dropRedisPrefix } from './redis-prefix';
import { testConfig } from './test-config';
import { createTestDatabase } from './test-database';

export interface MediumContext {
  module: TestingModule;
  config: AppConfig;
  dataSource: DataSource;
  /** Empties every table and this context's Redis keys: each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface MediumModules extends Pick<ModuleMetadata, 'imports' | 'providers'> {
  /** Providers replaced by a value, e.g. the queue workers, so nothing consumes the jobs a spec reads. */
  replace?: Array<[token: unknown, value: unknown]>;
}

/**
 * The "medium" test tier: the classes under test with the real repositories they use, against a
 * migrated database and a Redis prefix of the test file's own, and no HTTP app.
 */
export async function startMediumContext(
  { imports = [], providers = [], replace = [] }: MediumModules,
  env: Record<string, string> = {},
): Promise<MediumContext> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, ...env });
  let builder = Test.createTestingModule({ imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, ...imports], providers })
    .overrideProvider(AppConfig)
    .useValue(config);
  for (const [token, value] of replace) builder = builder.overrideProvider(token).useValue(value);
  const module = await builder.compile();
  module.useLogger(module.get(Logger));
  await module.init();
  const dataSource = module.get(DataSource);
  return {
    module,
    config,
    dataSource,
    reset: async () => {
      const tables = dataSource.entityMetadatas.map((metadata) => `"public"."${metadata.tableName}"`).join(', ');
      await dataSource.query(`TRUNCATE ${tables} CASCADE`);
      await dropRedisPrefix(config);
    },
    close: async () => {
      await module.close();
      await Promise.all([database.drop(), dropRedisPrefix(config)]);
    },
  };
}

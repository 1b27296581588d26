import { randomBytes } from 'node:crypto';
import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { dropRedisPrefix } from './redis-prefix';
import { createTestDatabase } from './test-database';

export interface MediumContext {
  module: TestingModule;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The "medium" test tier: the classes under test with the real repositories they use, against a
 * migrated database and a Redis prefix of the test file's own, and no HTTP app or queue workers.
 */
export async function startMediumContext({ imports = [], providers = [] }: Pick<ModuleMetadata, 'imports' | 'providers'>, env: Record<string, string> = {}): Promise<MediumContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_PREFIX: `mr-medium-${randomBytes(4).toString('hex')}`,
    ...env,
  });
  const module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, RedisModule, ...imports], providers })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  await module.init();
  return {
    module,
    config,
    close: async () => {
      await module.close();
      await Promise.all([database.drop(), dropRedisPrefix(config)]);
    },
  };
}

import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { exitOnStartupFailure } from '@app/logging';
import { startWorker } from './start-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  await startWorker();
}

main().catch(exitOnStartupFailure);

import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { exitOnStartupFailure } from '@app/logging';
import { startWorker } from '../../worker/src/start-worker';
import { startApi } from './start-api';

/**
 * `MAILROOM_ROLE=all` (the default, used by `npm start`) runs the API and the worker in one
 * process; `api` and `worker` run them apart, as production replicas do.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  if (config.MAILROOM_ROLE !== 'worker') await startApi();
  if (config.MAILROOM_ROLE !== 'api') await startWorker();
}

main().catch(exitOnStartupFailure);

import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { exitOnStartupFailure } from '@app/logging';
import { startApi } from '../../api/src/start-api';
import { startWorker } from '../../worker/src/start-worker';

/**
 * Mailroom in one process, as `npm start` runs it: the API and the worker (`MAILROOM_ROLE=all`, the
 * default), or one of them (`api`, `worker`). The two apps meet only here, so neither imports the other;
 * the Docker images run each app's own entry point instead.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  if (config.MAILROOM_ROLE !== 'worker') await startApi();
  if (config.MAILROOM_ROLE !== 'api') await startWorker();
}

main().catch(exitOnStartupFailure);

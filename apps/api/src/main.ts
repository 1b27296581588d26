import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { exitOnStartupFailure } from '@app/logging';
import { startApi } from './start-api';

/** The API alone (no queue worker), as the `api` image runs it; `npm start` runs apps/mailroom, API and worker together. */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  await startApi();
}

main().catch(exitOnStartupFailure);

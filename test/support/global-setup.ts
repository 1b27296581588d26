import 'reflect-metadata';
import { prepareDatabase } from '../../libs/database/src/prepare-database';
import { ensureDashboardBuilt } from './dashboard-build';
import { databaseUrl, recreateDatabase, TEMPLATE_DATABASE } from './test-database';

/** Migrates a template database once per run, which each test file then copies in milliseconds; builds the dashboard the browser specs open. */
export default async function globalSetup(): Promise<void> {
  ensureDashboardBuilt();
  await recreateDatabase(TEMPLATE_DATABASE);
  await prepareDatabase(databaseUrl(TEMPLATE_DATABASE));
}

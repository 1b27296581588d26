import 'reflect-metadata';
import { prepareDatabase } from '../../libs/database/src/prepare-database';
import { databaseUrl, recreateDatabase, TEMPLATE_DATABASE } from './test-database';

/** Migrates a template database once per run; each test file then copies it in milliseconds. */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEMPLATE_DATABASE);
  await prepareDatabase(databaseUrl(TEMPLATE_DATABASE));
}

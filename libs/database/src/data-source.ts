import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

/** The data source the TypeORM CLI uses (`npm run migration:generate|run|revert`). */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));

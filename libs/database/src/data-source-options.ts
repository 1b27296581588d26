import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // TypeORM's logger prints a failed query's parameters (message bodies, reset links): errors are
    // logged by the app instead, through @app/logging's redactError.
    logging: false,
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}

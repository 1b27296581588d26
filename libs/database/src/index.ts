export * from './database.module';
export * from './data-source-options';
export * from './entities';
export * from './prepare-database';

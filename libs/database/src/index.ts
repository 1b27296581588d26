export * from './database.module';
export * from './data-source-options';
export * from './entities';
export * from './prepare-database';
export * from './storable-text';
export * from './postgres-errors';
export * from './time-cursor';
export * from './transaction-runner';

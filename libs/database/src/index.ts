// TypeORM entities, explicit migrations, the database set-up at boot and the one transaction runner.
export * from './database.module';
export * from './data-source-options';
export * from './entities';
export * from './prepare-database';
export * from './storable-text';
export * from './postgres-errors';
export * from './time-cursor';
export * from './transaction-runner';

// BullMQ: queue names, one typed payload per job name, producers, and fair shares between workspaces.
export * from './broadcast-producer';
export * from './delivery-producer';
export * from './fair-share';
export * from './job-contracts';
export * from './queue-connection';
export * from './queue-names';
export * from './queue.module';
export * from './webhook-producer';
export * from './retention-producer';

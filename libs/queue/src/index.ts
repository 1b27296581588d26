export * from './broadcast-producer';
export * from './delivery-producer';
export * from './fair-share';
export * from './job-contracts';
export * from './queue-connection';
export * from './queue-names';
export * from './queue.module';

export * from './cache-invalidation';
export * from './redis.module';

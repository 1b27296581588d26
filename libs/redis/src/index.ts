// Redis or Redis Cluster clients, cross-process cache invalidation and failure counters.
export * from './cache-invalidation';
export * from './redis-client';
export * from './redis.module';
export * from './failure-counter';

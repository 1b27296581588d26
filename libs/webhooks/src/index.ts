// Outbound webhooks: the outbox, endpoints and their secrets, signing, delivery over HTTP, retries and the delivery log.
export * from './webhook-attempts.repository';
export * from './webhook-delivery-counts';
export * from './webhook-deliveries.repository';
export * from './webhook-dispatcher';
export * from './webhook-endpoints.repository';
export * from './webhook-events';
export * from './webhook-outbox';
export * from './webhook-outbox.repository';
export * from './webhook-retention.repository';
export * from './webhook-secrets';
export * from './webhook-signature';
export * from './webhook-subscriptions';
export * from './webhook-url';
export * from './webhooks.module';

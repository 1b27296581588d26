// Messages and what happens to them: attachments, events, tracked links, and the batched status writer of the worker.
export * from './attachments.repository';
export * from './delivery-status.repository';
export * from './delivery-status-writer';
export * from './messages.module';
export * from './messages.repository';
export * from './message-links.repository';
export * from './message-counts-batch';
export * from './message-retention.repository';
export * from './message-stats.repository';
export * from './recipient-erasures.repository';
export * from './message-erasure.repository';
export * from './message-events.repository';
export * from './message-event-rows';
export * from './message-id-header';

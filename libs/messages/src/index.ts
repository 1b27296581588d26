// Messages and what happens to them: attachments, events, tracked links, and the batched status writer of the worker.
export * from './attachments.repository';
export * from './delivery-status.repository';
export * from './delivery-status-writer';
export * from './messages.module';
export * from './messages.repository';
export * from './message-links.repository';
export * from './message-counts-batch';
export * from './message-stats.repository';
export * from './message-events.repository';
export * from './message-event-rows';
export * from './message-id-header';

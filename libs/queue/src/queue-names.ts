/**
 * Transactional and marketing mail travel on separate queues, each with its own workers, so a
 * large broadcast never stands in front of a password reset.
 */
export enum QueueName {
  Transactional = 'transactional',
  Marketing = 'marketing',
  /** Broadcast fan-out: turns a list into marketing messages, page by page. */
  Broadcasts = 'broadcasts',
  Maintenance = 'maintenance',
  /** Webhook deliveries: one job works through one endpoint's due deliveries, apart from any mail. */
  Webhooks = 'webhooks',
  /** The daily purge and recipient erasures: long runs of bounded batches, apart from the outbox reconciler's quick ones. */
  Retention = 'retention',
}

export const DELIVERY_QUEUES = [QueueName.Transactional, QueueName.Marketing] as const;

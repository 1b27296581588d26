/**
 * Transactional and marketing mail travel on separate queues, each with its own workers, so a
 * large broadcast never stands in front of a password reset.
 */
export enum QueueName {
  Transactional = 'transactional',
  Marketing = 'marketing',
  Maintenance = 'maintenance',
}

export const DELIVERY_QUEUES = [QueueName.Transactional, QueueName.Marketing] as const;

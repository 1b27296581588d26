import type { ReadonlyIntegration } from './shared-integration';

type Sender = NonNullable<ReadonlyIntegration['senders']>[number];

/** The sender a message that names none goes from: the one marked default, else the first; undefined when there is none. */
export function defaultSenderOf(integration: Pick<ReadonlyIntegration, 'senders'>): Sender | undefined {
  return integration.senders?.find((sender) => sender.isDefault) ?? integration.senders?.[0];
}

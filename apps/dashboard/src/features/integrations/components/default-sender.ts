import type { Integration } from '../api/integrations';

/** "Support Team <support@example.com>": the sender a message without `from` goes out as. */
export function defaultSenderOf(integration: Integration): string {
  const sender = integration.senders.find((candidate) => candidate.default) ?? integration.senders[0];
  return sender ? `${sender.name} <${sender.email}>` : '—';
}

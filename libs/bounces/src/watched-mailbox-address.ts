import { defaultSenderOf, type ReadonlyIntegration } from '@app/integrations';

const isAddress = (login: string | null | undefined): login is string => typeof login === 'string' && login.includes('@');

/**
 * The address of the mailbox bounce processing reads: its own login when that is an address, else
 * the integration's login, else its default sender. With `envelopeSender: watched_mailbox` it is
 * the SMTP envelope sender (MAIL FROM) of everything the integration sends, so every bounce comes
 * back to it whatever the header From.
 */
export function watchedMailboxAddress(integration: ReadonlyIntegration): string {
  if (integration.bouncesAuthType === 'basic' && isAddress(integration.bouncesUsername)) return integration.bouncesUsername;
  if (isAddress(integration.username)) return integration.username;
  return defaultSenderOf(integration)?.email ?? '';
}

/** The envelope sender of a send through `integration`: the watched mailbox when bounce processing says so, else the From. */
export function envelopeSenderOf(integration: ReadonlyIntegration, from: string): string {
  if (!integration.bouncesEnabled || integration.bouncesEnvelopeSender !== 'watched_mailbox') return from;
  return watchedMailboxAddress(integration) || from;
}

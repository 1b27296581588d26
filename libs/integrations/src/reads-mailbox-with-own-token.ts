import type { ReadonlyIntegration } from './shared-integration';

/** Bounce processing logs in to the watched mailbox with the integration's own OAuth2 token, which must then cover IMAP too. */
export function readsMailboxWithOwnToken(
  integration: Pick<ReadonlyIntegration, 'bouncesEnabled' | 'bouncesAuthType' | 'authType'>,
): boolean {
  return integration.bouncesEnabled && integration.bouncesAuthType === 'same' && integration.authType === 'oauth2';
}

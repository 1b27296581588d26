import type { IntegrationEntity } from '@app/database';

/** Where the watched mailbox is and how it is logged in to: the secrets used there were given for this. */
export interface MailboxDestination {
  'bounces.host': string | null;
  'bounces.port': number | null;
  'bounces.security': string | null;
  'bounces.auth': string;
}

/** Null fields while bounce processing is off: no secret goes anywhere then. */
export function mailboxDestinationOf(integration: IntegrationEntity): MailboxDestination {
  const on = integration.bouncesEnabled;
  return {
    'bounces.host': on ? integration.bouncesHost : null,
    'bounces.port': on ? integration.bouncesPort : null,
    'bounces.security': on ? integration.bouncesSecurity : null,
    'bounces.auth': integration.bouncesAuthType,
  };
}

/** Every reason the bounce settings cannot work, each naming its field; empty when they can. */
export function bounceProblems(integration: IntegrationEntity): string[] {
  if (!integration.bouncesEnabled) return [];
  const problems: string[] = [];
  if (!integration.bouncesHost) problems.push('bounces.host is required when bounce processing is enabled');
  if (!integration.bouncesPort) problems.push('bounces.port is required when bounce processing is enabled');
  if (!integration.bouncesSecurity) problems.push('bounces.security is required when bounce processing is enabled');
  if (integration.bouncesAuthType === 'basic') {
    if (!integration.bouncesUsername) problems.push('bounces.auth.username is required for basic auth');
    if (integration.bouncesPasswordEncrypted === null) problems.push('bounces.auth.password is required for basic auth');
  } else if (integration.authType === 'none') {
    problems.push('bounces.auth: the integration has no credentials to log in with; give {type: "basic", username, password}');
  }
  if (integration.bouncesFolder === integration.bouncesProcessedFolder) {
    problems.push('bounces.processedFolder must differ from bounces.folder');
  }
  return problems;
}

// The IMAP servers of the providers that issue OAuth2 tokens: a token sent there goes back to who issued it.
const PROVIDER_MAILBOX_HOSTS: Record<string, string> = { microsoft: 'outlook.office365.com', google: 'imap.gmail.com' };

/**
 * An OAuth2 integration whose watched mailbox is its provider's own IMAP server over verified TLS:
 * its access token can reach no one but the provider, so moving the mailbox there needs no secret again.
 */
export function mailboxIsTheProviders(integration: IntegrationEntity): boolean {
  return (
    integration.authType === 'oauth2' &&
    integration.bouncesAuthType === 'same' &&
    integration.provider !== null &&
    integration.bouncesHost === PROVIDER_MAILBOX_HOSTS[integration.provider] &&
    integration.bouncesSecurity === 'tls' &&
    !integration.allowSelfSignedCertificate
  );
}

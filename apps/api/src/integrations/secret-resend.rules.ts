import type { IntegrationEntity } from '@app/database';
import type { SecretField } from '@app/integrations';

/**
 * Where and how an integration's credentials are sent. A stored secret was given for one
 * destination; carried over to another (a server of the caller's choosing, TLS off or unverified,
 * another Microsoft tenant) it would reach whoever holds only an admin key: `POST …/test` sends
 * the password, or an access token got with the client secret and refresh token.
 */
export interface CredentialDestination {
  host: string;
  port: number;
  security: string;
  allowSelfSignedCertificate: boolean;
  'auth.type': string;
  'auth.provider': string | null;
  'auth.tenantId': string | null;
}

export function credentialDestinationOf(integration: IntegrationEntity): CredentialDestination {
  return {
    host: integration.host,
    port: integration.port,
    security: integration.security,
    allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
    'auth.type': integration.authType,
    'auth.provider': integration.provider,
    'auth.tenantId': integration.tenantId,
  };
}

const RESEND: Record<SecretField, string> = {
  password: 'auth.password: resend the password',
  clientSecret: 'auth.clientSecret: resend the client secret',
  // A refresh token usually came from the consent screen, so the admin may not have it to resend.
  refreshToken: 'auth.refreshToken: resend the refresh token (or null to drop it and connect again)',
  bouncesPassword: 'bounces.auth.password: resend the mailbox password',
};

function listed(fields: string[]): string {
  return fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

/**
 * One problem per stored secret that a change of destination (the SMTP server's, or the watched
 * mailbox's: see bounce-processing.rules.ts) would carry over (`carried`: stored,
 * and not given in this request), naming the secret and what changed; empty when nothing changed
 * or nothing would be carried. Sending a secret again, even the stored value, is what counts.
 */
export function secretsToResend<Destination extends object>(before: Destination, after: Destination, carried: SecretField[]): string[] {
  const changed = (Object.keys(before) as Array<keyof Destination & string>).filter((field) => before[field] !== after[field]);
  if (changed.length === 0) return [];
  return carried.map((field) => `${RESEND[field]} when changing ${listed(changed)}`);
}

import type { components } from '@/lib/api/schema';

type AuthResponse = components['schemas']['IntegrationAuthResponse'];
type AuthBody = components['schemas']['IntegrationAuthDto'];

/** The ways to sign in to an SMTP server, as a person picks them: the API's type, provider and flow in one choice. */
export type AuthKind = 'basic' | 'microsoft_app_only' | 'microsoft_delegated' | 'google' | 'none';

export const AUTH_KINDS: AuthKind[] = ['basic', 'microsoft_app_only', 'microsoft_delegated', 'google', 'none'];

export const AUTH_KIND_LABELS: Record<AuthKind, string> = {
  basic: 'Username and password',
  microsoft_app_only: 'Microsoft 365, app-only (client credentials)',
  microsoft_delegated: 'Microsoft 365, delegated (sign in as the mailbox)',
  google: 'Google Workspace or Gmail (sign in with Google)',
  none: 'No authentication',
};

export const AUTH_KIND_DESCRIPTIONS: Record<AuthKind, string> = {
  basic: 'Any SMTP server that takes a login: your provider, a relay, an app password.',
  microsoft_app_only: 'An Entra ID app sends as a shared or user mailbox with SMTP.SendAsApp; nobody has to sign in.',
  microsoft_delegated: 'A person signs in to the mailbox once (Connect); Mailroom keeps the refresh token.',
  google: 'The sending account signs in once (Connect); Mailroom keeps the refresh token.',
  none: 'A relay that trusts the address Mailroom connects from.',
};

/** Where each provider's SMTP submission service listens, filled in when a person picks it. */
export const PROVIDER_SERVERS: Partial<Record<AuthKind, { host: string; port: number }>> = {
  microsoft_app_only: { host: 'smtp.office365.com', port: 587 },
  microsoft_delegated: { host: 'smtp.office365.com', port: 587 },
  google: { host: 'smtp.gmail.com', port: 587 },
};

const MICROSOFT_HOSTS = /(^|\.)(office365\.com|outlook\.com)$/i;
const GOOGLE_HOSTS = /(^|\.)(gmail\.com|googlemail\.com)$/i;

/** Exchange Online's servers, which have their own rules about passwords. */
export function isMicrosoftHost(host: string): boolean {
  return MICROSOFT_HOSTS.test(host.trim());
}

/** The mail provider behind an integration: its kind of sign-in says, or else its SMTP server's name. */
export function mailProviderOf(kind: AuthKind, smtpHost: string): 'microsoft' | 'google' | undefined {
  if (kind === 'microsoft_app_only' || kind === 'microsoft_delegated' || isMicrosoftHost(smtpHost)) return 'microsoft';
  if (kind === 'google' || GOOGLE_HOSTS.test(smtpHost.trim())) return 'google';
  return undefined;
}

export function isAuthKind(value: string | undefined): value is AuthKind {
  return AUTH_KINDS.includes(value as AuthKind);
}

export function authKindOf(auth: AuthResponse): AuthKind {
  if (auth.type !== 'oauth2') return auth.type;
  if (auth.provider === 'google') return 'google';
  return auth.flow === 'client_credentials' ? 'microsoft_app_only' : 'microsoft_delegated';
}

/** The kinds whose refresh token comes from the provider's consent screen (the Connect button). */
export function connectsWithConsent(kind: AuthKind): boolean {
  return kind === 'microsoft_delegated' || kind === 'google';
}

/** The API's type, provider and flow of a kind. */
export function authTypeOf(kind: AuthKind): Pick<AuthBody, 'type' | 'provider' | 'flow'> {
  switch (kind) {
    case 'microsoft_app_only':
      return { type: 'oauth2', provider: 'microsoft', flow: 'client_credentials' };
    case 'microsoft_delegated':
      return { type: 'oauth2', provider: 'microsoft', flow: 'refresh_token' };
    case 'google':
      return { type: 'oauth2', provider: 'google', flow: 'refresh_token' };
    default:
      return { type: kind };
  }
}

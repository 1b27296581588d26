/** App-only Microsoft 365 sending: the app's service principal holds `SMTP.SendAsApp` on the mailbox. */
export interface MicrosoftClientCredentials {
  provider: 'microsoft';
  flow: 'client_credentials';
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Delegated Microsoft 365 sending as the user who consented (`SMTP.Send`). */
export interface MicrosoftRefreshTokenCredentials {
  provider: 'microsoft';
  flow: 'refresh_token';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Bounce processing reads the mailbox with the same token: it must carry IMAP.AccessAsUser.All too. */
  readsMailbox: boolean;
}

export interface GoogleRefreshTokenCredentials {
  provider: 'google';
  flow: 'refresh_token';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export type OAuthCredentials = MicrosoftClientCredentials | MicrosoftRefreshTokenCredentials | GoogleRefreshTokenCredentials;

export type OAuthProvider = OAuthCredentials['provider'];

/**
 * Names the cached access token of one integration. `credentialsVersion` changes whenever an admin
 * changes the integration's OAuth settings, so a token obtained with old credentials is never served.
 * Saving a refresh token the provider rotated must NOT change it: the token just cached under the
 * current version would be orphaned and the next caller would refresh (and rotate) again.
 */
export interface AccessTokenRef {
  integrationId: string;
  credentialsVersion: string | number;
}

/** Called with the refresh token the provider issued in place of the one used; it must be saved. */
export type RefreshTokenRotatedHandler = (newRefreshToken: string) => Promise<void>;

/** What a token endpoint answered. `refreshToken` is set only when it differs from the one sent. */
export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
}

export const MICROSOFT_APP_ONLY_SCOPE = 'https://outlook.office365.com/.default';
// SMTP.SendAsApp is an application permission; asked for in a delegated flow it fails with invalid_scope.
export const MICROSOFT_DELEGATED_SCOPES = ['offline_access', 'https://outlook.office.com/SMTP.Send'];
export const MICROSOFT_IMAP_SCOPE = 'https://outlook.office.com/IMAP.AccessAsUser.All';

/**
 * What a delegated Microsoft consent and its tokens ask for: sending, and reading the mailbox when
 * bounce processing logs in with the integration's own token (both scopes are of one resource, so
 * one access token serves SMTP and IMAP). App-only tokens (`.default`) carry whatever the app was
 * granted, IMAP.AccessAsApp included; Google's mail scope covers both already.
 */
export function microsoftDelegatedScope(readsMailbox: boolean): string {
  return [...MICROSOFT_DELEGATED_SCOPES, ...(readsMailbox ? [MICROSOFT_IMAP_SCOPE] : [])].join(' ');
}
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

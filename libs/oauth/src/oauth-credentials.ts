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
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

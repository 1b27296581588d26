/** How Mailroom reaches a tenant's SMTP server: shared by the probe, the sending pool and the hints. */
export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export type SmtpAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  /** `getAccessToken` may throw an error with a `hint` string; the probe passes that hint on. */
  | { type: 'xoauth2'; username: string; getAccessToken: () => Promise<string> };

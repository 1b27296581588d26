import { CredentialDestination, secretsToResend } from './secret-resend.rules';

const stored: CredentialDestination = {
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  allowSelfSignedCertificate: false,
  'auth.type': 'oauth2',
  'auth.provider': 'microsoft',
  'auth.tenantId': 'contoso.onmicrosoft.com',
};

describe('secretsToResend', () => {
  it('asks for nothing when the destination is the same, whatever is stored', () => {
    expect(secretsToResend(stored, { ...stored }, ['clientSecret', 'refreshToken'])).toEqual([]);
  });

  it.each([
    ['host', { host: 'smtp.evil.example' }],
    ['port', { port: 2525 }],
    ['security', { security: 'none' }],
    ['allowSelfSignedCertificate', { allowSelfSignedCertificate: true }],
    ['auth.type', { 'auth.type': 'basic' }],
    ['auth.provider', { 'auth.provider': 'google' }],
    ['auth.tenantId', { 'auth.tenantId': 'fabrikam.onmicrosoft.com' }],
  ])('names each carried secret when %s changes', (field, change) => {
    expect(secretsToResend(stored, { ...stored, ...change }, ['clientSecret'])).toEqual([
      `auth.clientSecret: resend the client secret when changing ${field}`,
    ]);
  });

  it('lists every change in one sentence, and one line per secret', () => {
    expect(secretsToResend(stored, { ...stored, host: 'a.example', port: 25, security: 'none' }, ['password', 'refreshToken'])).toEqual([
      'auth.password: resend the password when changing host, port and security',
      'auth.refreshToken: resend the refresh token (or null to drop it and connect again) when changing host, port and security',
    ]);
  });

  it('asks for nothing when no secret would be carried over', () => {
    expect(secretsToResend(stored, { ...stored, host: 'a.example' }, [])).toEqual([]);
  });
});

import { IntegrationEntity } from '@app/database';
import { OutboundHostRefusedError } from '@app/smtp';
import { describeImapFailure } from './imap-failure';

const integration = (fields: Partial<IntegrationEntity>) =>
  Object.assign(new IntegrationEntity(), { authType: 'basic', provider: null, flow: null, bouncesAuthType: 'same', ...fields });
const refused = {
  message: 'Command failed',
  responseText: 'AUTHENTICATE failed.',
  authenticationFailed: true,
  serverResponseCode: 'AUTHENTICATIONFAILED',
};

describe('describeImapFailure', () => {
  it.each([
    [
      'Microsoft app-only',
      { authType: 'oauth2', provider: 'microsoft', flow: 'client_credentials' },
      /IMAP\.AccessAsApp.*Add-MailboxPermission/s,
    ],
    [
      'Microsoft delegated',
      { authType: 'oauth2', provider: 'microsoft', flow: 'refresh_token' },
      /IMAP\.AccessAsUser\.All.*Connect again/s,
    ],
    ['Google', { authType: 'oauth2', provider: 'google', flow: 'refresh_token' }, /https:\/\/mail\.google\.com\//],
    ['a password', { authType: 'basic' }, /username and password of the watched mailbox/],
  ] as const)('a refused login with %s names what the provider needs', (_kind, fields, hint) => {
    const failure = describeImapFailure(refused, integration(fields as Partial<IntegrationEntity>));
    expect(failure).toMatchObject({ authentication: true, message: 'Command failed: AUTHENTICATE failed.' });
    expect(failure.hint).toMatch(hint);
  });

  it('a login of its own gets the password hint even on an OAuth2 integration', () => {
    const failure = describeImapFailure(refused, integration({ authType: 'oauth2', provider: 'microsoft', bouncesAuthType: 'basic' }));
    expect(failure.hint).toMatch(/username and password/);
  });

  it('a mailbox that may not use IMAP says how to enable it', () => {
    const failure = describeImapFailure({ message: 'User is authenticated but not connected.' }, integration({}));
    expect(failure.hint).toMatch(/Set-CASMailbox .* -ImapEnabled \$true/);
  });

  it.each([
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND imap.example.invalid' }, /does not resolve/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, /993 for tls/],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, /certificate is not trusted/],
    [{ message: 'Command failed', serverResponseCode: 'NONEXISTENT' }, /bounces\.folder/],
    [new OutboundHostRefusedError('127.0.0.1', '127.0.0.1', 'loopback'), /public hosts only/],
  ])('%j gets its hint', (error, hint) => {
    expect(describeImapFailure(error, integration({})).hint).toMatch(hint);
  });

  it('never repeats a secret the server echoed', () => {
    const failure = describeImapFailure({ message: 'LOGIN failed for hunter2-secret' }, integration({}), ['hunter2-secret']);
    expect(failure.message).toBe('LOGIN failed for ***');
  });
});

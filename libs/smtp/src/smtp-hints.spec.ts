import { SmtpHintContext, smtpHint } from './smtp-hints';

const microsoft: SmtpHintContext = {
  host: 'smtp.office365.com',
  port: 587,
  security: 'starttls',
  authType: 'xoauth2',
  username: 'shared@contoso.com',
  from: 'support@contoso.com',
};
const gmail: SmtpHintContext = { host: 'smtp.gmail.com', port: 587, security: 'starttls', authType: 'basic', username: 'me@gmail.com' };
const relay: SmtpHintContext = {
  host: 'mail.example.com',
  port: 587,
  security: 'starttls',
  authType: 'basic',
  username: 'app@example.com',
};

describe('smtpHint for Microsoft 365', () => {
  it('tells how to give the app the mailbox on 535 5.7.3 with XOAUTH2', () => {
    const hint = smtpHint(
      { responseCode: 535, response: '535 5.7.3 Authentication unsuccessful [SN4PR0601CA0005.namprd06.prod.outlook.com]' },
      microsoft,
    );

    expect(hint).toContain('New-ServicePrincipal -AppId <client id>');
    expect(hint).toContain('Add-MailboxPermission -Identity shared@contoso.com');
    expect(hint).toContain('FullAccess');
    expect(hint).toContain('username exactly that mailbox');
  });

  it('suggests OAuth2 on 535 5.7.3 with a password', () => {
    expect(smtpHint({ responseCode: 535, response: '535 5.7.3 Authentication unsuccessful' }, { ...microsoft, authType: 'basic' })).toMatch(
      /refused the password for shared@contoso\.com.*Microsoft OAuth2/,
    );
  });

  it('tells how to turn SMTP AUTH on for 5.7.139', () => {
    const response = '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox';

    const hint = smtpHint({ responseCode: 535, response }, microsoft);

    expect(hint).toContain('Set-CASMailbox -Identity shared@contoso.com -SmtpClientAuthenticationDisabled $false');
    expect(hint).toContain('Security Defaults');
  });

  it('tells how to grant Send As when the mailbox may not send as the sender', () => {
    const response = '554 5.2.252 SendAsDenied; shared@contoso.com not allowed to send as support@contoso.com';

    expect(smtpHint({ responseCode: 554, response, command: 'DATA' }, microsoft)).toContain(
      'Add-RecipientPermission -Identity support@contoso.com -Trustee shared@contoso.com -AccessRights SendAs',
    );
  });

  it('asks for authentication on 530 5.7.57', () => {
    const response = '530 5.7.57 Client not authenticated to send mail. [AM0PR02CA0001.eurprd02.prod.outlook.com]';

    expect(smtpHint({ responseCode: 530, response, command: 'MAIL FROM' }, { ...microsoft, authType: 'none' })).toMatch(
      /only accepts mail after authentication/,
    );
  });
});

describe('smtpHint for Google', () => {
  it('points to app passwords or OAuth2 when the password is refused', () => {
    const response =
      '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials';

    expect(smtpHint({ responseCode: 535, response }, gmail)).toMatch(/app password.*Google OAuth2/);
  });

  it('points to app passwords when Google demands one (534 5.7.9)', () => {
    expect(smtpHint({ responseCode: 534, response: '534-5.7.9 Application-specific password required.' }, gmail)).toMatch(/app password/);
  });

  it('names the scope when Google refuses a token', () => {
    expect(
      smtpHint({ responseCode: 535, response: '535 5.7.8 Username and Password not accepted' }, { ...gmail, authType: 'xoauth2' }),
    ).toContain('https://mail.google.com/');
  });
});

describe('smtpHint for any server', () => {
  it('explains a wrong password in general terms', () => {
    expect(smtpHint({ responseCode: 535, response: '535 5.7.8 Authentication credentials invalid', command: 'AUTH PLAIN' }, relay)).toMatch(
      /refused the username or password/,
    );
  });

  it('asks for STARTTLS when the server demands it', () => {
    expect(smtpHint({ responseCode: 530, response: '530 5.7.0 Must issue a STARTTLS command first' }, { ...relay, security: 'none' })).toBe(
      'The server wants STARTTLS before this command: choose security "starttls".',
    );
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed certificate/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed certificate/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /intermediate certificate/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /not issued for mail\.example\.com/],
    ['CERT_HAS_EXPIRED', /has expired/],
  ])('explains the certificate error %s', (code, hint) => {
    expect(smtpHint({ code, message: 'TLS handshake failed' }, { ...relay, step: 'tls' })).toMatch(hint);
  });

  it("reads the TLS code under nodemailer's ESOCKET", () => {
    const error = { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate', command: 'CONN' };

    expect(smtpHint(error, relay)).toMatch(/self-signed certificate/);
  });

  it('says STARTTLS was not offered and what to choose instead', () => {
    expect(smtpHint({ code: 'ENOSTARTTLS' }, { ...relay, step: 'tls' })).toMatch(/does not offer STARTTLS.*choose security "tls"/);
  });

  it('recognises implicit TLS aimed at a plain SMTP port', () => {
    const error = { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'TLS handshake failed: wrong version number' };

    expect(smtpHint(error, { ...relay, security: 'tls', step: 'tls' })).toMatch(/choose security "starttls"/);
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, 'connect', /refused the connection on port 587/],
    [{ code: 'ETIMEDOUT' }, 'connect', /firewall/],
    [{ code: 'ETIMEDOUT' }, 'ehlo', /did not greet.*choose security "tls"/],
    [{ code: 'ENOTFOUND' }, 'resolve', /DNS has no address for mail\.example\.com/],
    [{ code: 'EHOSTREFUSED' }, 'resolve', /not on the public internet/],
  ] as const)('explains %o at the %s step', (error, step, hint) => {
    expect(smtpHint(error, { ...relay, step })).toMatch(hint);
  });

  it('explains a refused recipient and a busy server', () => {
    expect(smtpHint({ responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }, relay)).toMatch(/refused the recipient/);
    expect(smtpHint({ responseCode: 421, response: '421 4.7.0 Try again later' }, relay)).toMatch(/Try again later/);
  });

  it('says which mechanism is missing when the server offers no usable AUTH', () => {
    expect(smtpHint({ code: 'ENOAUTHMETHOD' }, { ...microsoft, step: 'auth' })).toMatch(/does not offer XOAUTH2/);
    expect(smtpHint({ code: 'ENOAUTHMETHOD' }, { ...relay, step: 'auth' })).toMatch(/choose "starttls" or "tls"/);
  });

  it('has nothing to add to an unknown failure', () => {
    expect(smtpHint({ responseCode: 554, response: '554 5.6.0 Message content rejected', command: 'DATA' }, relay)).toBeNull();
  });
});

describe('smtpHint for token failures', () => {
  it.each([
    ['AADSTS7000215: Invalid client secret provided.', /Value \(not its Secret ID\)/],
    ['AADSTS7000222: The provided client secret keys are expired.', /has expired/],
    ['AADSTS700016: Application with identifier was not found in the directory.', /client ID/],
    ['invalid_grant: Token has been expired or revoked.', /reconnect the integration/],
  ])('explains "%s"', (message, hint) => {
    expect(smtpHint({ message }, { ...microsoft, step: 'token' })).toMatch(hint);
  });

  it('falls back to checking the OAuth2 settings', () => {
    expect(smtpHint({ message: 'socket hang up' }, { ...microsoft, step: 'token' })).toMatch(/could not obtain an access token/);
  });
});

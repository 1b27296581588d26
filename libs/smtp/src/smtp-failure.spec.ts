import { SmtpErrorLike } from './smtp-error';
import { classifySmtpFailure } from './smtp-failure';

describe('classifySmtpFailure', () => {
  it.each<[string, SmtpErrorLike]>([
    [
      '421 service not available',
      { responseCode: 421, response: '421 4.3.2 Service not available, closing channel', command: 'MAIL FROM' },
    ],
    ['451 at DATA', { responseCode: 451, response: '451 4.3.0 Try again later', command: 'DATA' }],
    ['452 too many recipients', { responseCode: 452, response: '452 4.5.3 Too many recipients', command: 'RCPT TO' }],
    ['454 during AUTH', { responseCode: 454, response: '454 4.7.0 Too many login attempts', command: 'AUTH PLAIN' }],
    ['503 bad sequence', { responseCode: 503, response: '503 5.5.1 Bad sequence of commands', command: 'RCPT TO' }],
    ['connection refused', { code: 'ECONNECTION', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:587' }],
    ['reset', { code: 'ECONNRESET' }],
    ['socket error', { code: 'ESOCKET' }],
    ['timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }],
    ['TLS handshake', { code: 'ETLS', message: 'Error initiating TLS' }],
    ['untrusted certificate', { code: 'ESOCKET', originalCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }],
    ['DNS', { code: 'EDNS', originalCode: 'EAI_AGAIN' }],
  ])('retries later after %s', (_name, error) => {
    expect(classifySmtpFailure(error)).toBe('transient');
  });

  it.each<[string, SmtpErrorLike]>([
    ['unknown user', { responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }],
    ['relay refusal with a 5.7 status', { responseCode: 550, response: '550 5.7.1 Unable to relay', command: 'RCPT TO' }],
    ['content rejected', { responseCode: 554, response: '554 5.6.0 Message content rejected', command: 'DATA' }],
    ['send as denied', { responseCode: 554, response: '554 5.2.252 SendAsDenied', command: 'DATA' }],
    ['a private host', { code: 'EHOSTREFUSED', message: '10.0.0.1 is a private address' }],
  ])('gives up on the message after %s', (_name, error) => {
    expect(classifySmtpFailure(error)).toBe('permanent');
  });

  it.each<[string, SmtpErrorLike]>([
    ['535 5.7.3', { responseCode: 535, response: '535 5.7.3 Authentication unsuccessful', command: 'AUTH XOAUTH2' }],
    ['535 5.7.139', { responseCode: 535, response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled' }],
    ['534 5.7.9', { responseCode: 534, response: '534-5.7.9 Application-specific password required.', command: 'AUTH PLAIN' }],
    ['530 5.7.0 at MAIL FROM', { responseCode: 530, response: '530 5.7.0 Authentication required', command: 'MAIL FROM' }],
    ['530 5.7.57 at MAIL FROM', { responseCode: 530, response: '530 5.7.57 Client not authenticated to send mail', command: 'MAIL FROM' }],
    ['a 5xx to AUTH', { responseCode: 504, response: '504 5.7.4 Unrecognized authentication type', command: 'AUTH LOGIN' }],
    ['nodemailer EAUTH without a reply', { code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }],
    ['a token failure', { code: 'EOAUTH2', message: 'invalid_grant' }],
    ['no usable mechanism', { code: 'ENOAUTHMETHOD' }],
  ])('asks for new credentials after %s', (_name, error) => {
    expect(classifySmtpFailure(error)).toBe('auth');
  });
});

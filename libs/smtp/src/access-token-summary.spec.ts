import { summarizeAccessToken } from './access-token-summary';

const jwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('summarizeAccessToken', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const inMinutes = (minutes: number): number => now.getTime() / 1000 + minutes * 60;

  it('shows the audience, roles and lifetime of a Microsoft app-only token', () => {
    const token = jwt({ aud: 'https://outlook.office365.com', roles: ['SMTP.SendAsApp'], exp: inMinutes(59) });

    expect(summarizeAccessToken(token, now)).toBe(
      'access token received, audience https://outlook.office365.com, roles SMTP.SendAsApp, expires in 59 min',
    );
  });

  it('shows the scopes of a delegated token and flags an expired one', () => {
    const token = jwt({ aud: 'https://outlook.office.com', scp: 'SMTP.Send', exp: inMinutes(-5) });

    expect(summarizeAccessToken(token, now)).toBe(
      'access token received, audience https://outlook.office.com, scopes SMTP.Send, EXPIRED 5 min ago',
    );
  });

  it('says only the length of an opaque token', () => {
    expect(summarizeAccessToken('ya29.a0AfH6SMBopaque', now)).toBe('access token received (opaque, 20 characters)');
  });
});

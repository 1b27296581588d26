import { FakeGoogleOAuth } from './fake-google-oauth';
import { FakeMicrosoftIdentity } from './fake-microsoft-identity';
import { FakeSmtpServer } from './fake-smtp-server';

export const PUBLIC_BASE_URL = 'https://mailroom.example.test';
export const REDIRECT_URI = `${PUBLIC_BASE_URL}/v1/oauth2/callback`;
export const TENANT = 'fabrikam.onmicrosoft.com';
export const MAILBOX = 'sender@example.com';

/** Google, Microsoft, and an SMTP server that accepts an access token of either for MAILBOX over XOAUTH2. */
export interface OAuthProviders {
  google: FakeGoogleOAuth;
  microsoft: FakeMicrosoftIdentity;
  smtp: FakeSmtpServer;
  smtpPort: number;
  /** What startTestApp needs to send browsers and token requests to the fakes. */
  env: Record<string, string>;
  /** Every refresh and access token the two providers have handed out so far. */
  issuedTokens(): { refreshTokens: string[]; accessTokens: string[] };
  close(): Promise<void>;
}

export async function startOAuthProviders(): Promise<OAuthProviders> {
  const [google, microsoft] = await Promise.all([FakeGoogleOAuth.start(), FakeMicrosoftIdentity.start()]);
  const googleRefreshTokens = jest.spyOn(google, 'issueRefreshToken');
  const microsoftRefreshTokens = jest.spyOn(microsoft, 'issueRefreshToken');
  const smtp = new FakeSmtpServer({
    authMethods: ['XOAUTH2'],
    acceptAccessToken: (username, token) =>
      username === MAILBOX && (google.isValidAccessToken(token) || microsoft.isValidAccessToken(token)),
  });
  const smtpPort = (await smtp.start()).port;
  return {
    google,
    microsoft,
    smtp,
    smtpPort,
    env: {
      PUBLIC_BASE_URL,
      GOOGLE_AUTH_URL: google.authUrl,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
    },
    issuedTokens: () => ({
      refreshTokens: [...googleRefreshTokens.mock.results, ...microsoftRefreshTokens.mock.results].map((result) => result.value as string),
      accessTokens: [...google['accessTokens'].keys(), ...microsoft['accessTokens'].keys()],
    }),
    close: async () => {
      await smtp.stop();
      await Promise.all([google.close(), microsoft.close()]);
    },
  };
}

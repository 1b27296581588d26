import { authProblems, AuthSettings, awaitsRefreshToken } from './integration-auth.rules';

const none = {
  username: null,
  provider: null,
  flow: null,
  tenantId: null,
  clientId: null,
  hasPassword: false,
  hasClientSecret: false,
  hasRefreshToken: false,
};

describe('integration auth rules', () => {
  it('accepts complete basic auth and names each missing field', () => {
    expect(authProblems({ ...none, type: 'basic', username: 'u', hasPassword: true })).toEqual([]);
    expect(authProblems({ ...none, type: 'basic' })).toEqual([
      'auth.username is required for basic auth',
      'auth.password is required for basic auth',
    ]);
  });

  it('refuses fields that do not apply to the auth type', () => {
    expect(authProblems({ ...none, type: 'none', username: 'u' })).toEqual(['auth.username does not apply to none auth']);
    expect(authProblems({ ...none, type: 'basic', username: 'u', hasPassword: true, clientId: 'c' })).toEqual([
      'auth.clientId does not apply to basic auth',
    ]);
  });

  const microsoftApp: AuthSettings = {
    ...none,
    type: 'oauth2',
    provider: 'microsoft',
    flow: 'client_credentials',
    tenantId: 'contoso.onmicrosoft.com',
    clientId: 'client',
    hasClientSecret: true,
    username: 'mailbox@contoso.com',
  };

  it('needs tenant, client, secret and mailbox for Microsoft client credentials', () => {
    expect(authProblems(microsoftApp)).toEqual([]);
    expect(authProblems({ ...microsoftApp, username: null, tenantId: null })).toEqual([
      'auth.tenantId is required for microsoft client_credentials OAuth2',
      'auth.username is required for microsoft client_credentials OAuth2',
    ]);
  });

  it.each(['common', 'organizations', 'consumers', 'Common'])('refuses the %s tenant for app-only tokens', (tenantId) => {
    expect(authProblems({ ...microsoftApp, tenantId })[0]).toMatch(/Microsoft refuses .* for app-only client credentials/);
  });

  it('allows a multi-tenant alias and a missing refresh token for Microsoft delegated flow', () => {
    const delegated: AuthSettings = {
      ...none,
      type: 'oauth2',
      provider: 'microsoft',
      flow: 'refresh_token',
      tenantId: 'common',
      clientId: 'c',
      hasClientSecret: true,
    };
    expect(authProblems(delegated)).toEqual([]);
    expect(awaitsRefreshToken(delegated)).toBe(true);
    expect(awaitsRefreshToken({ ...delegated, hasRefreshToken: true })).toBe(false);
  });

  it('needs client id and secret for Google, and refuses client credentials there', () => {
    expect(authProblems({ ...none, type: 'oauth2', provider: 'google' })).toEqual([
      'auth.clientId is required for google OAuth2',
      'auth.clientSecret is required for google OAuth2',
    ]);
    expect(
      authProblems({ ...none, type: 'oauth2', provider: 'google', flow: 'client_credentials', clientId: 'c', hasClientSecret: true }),
    ).toEqual(['auth.flow client_credentials is not available for Google: use refresh_token']);
  });

  it('needs a provider for oauth2', () => {
    expect(authProblems({ ...none, type: 'oauth2' })).toEqual(['auth.provider is required for oauth2 (microsoft or google)']);
  });
});

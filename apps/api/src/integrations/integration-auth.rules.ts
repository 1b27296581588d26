import type { AuthType, IntegrationEntity, OAuthFlow, OAuthProvider } from '@app/database';

/** An integration's auth settings, with only whether each secret is stored. */
export interface AuthSettings {
  type: AuthType;
  username: string | null;
  provider: OAuthProvider | null;
  flow: OAuthFlow | null;
  tenantId: string | null;
  clientId: string | null;
  hasPassword: boolean;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
}

export function authSettingsOf(integration: IntegrationEntity): AuthSettings {
  return {
    type: integration.authType,
    username: integration.username,
    provider: integration.provider,
    flow: integration.flow,
    tenantId: integration.tenantId,
    clientId: integration.clientId,
    hasPassword: integration.passwordEncrypted !== null,
    hasClientSecret: integration.clientSecretEncrypted !== null,
    hasRefreshToken: integration.refreshTokenEncrypted !== null,
  };
}

// Microsoft refuses app-only (client credentials) tokens for these multi-tenant aliases.
const MULTI_TENANT_ALIASES = ['common', 'organizations', 'consumers'];

type Field = 'username' | 'password' | 'provider' | 'flow' | 'tenantId' | 'clientId' | 'clientSecret' | 'refreshToken';

function present(auth: AuthSettings, field: Field): boolean {
  switch (field) {
    case 'password':
      return auth.hasPassword;
    case 'clientSecret':
      return auth.hasClientSecret;
    case 'refreshToken':
      return auth.hasRefreshToken;
    default:
      return auth[field] !== undefined && auth[field] !== null;
  }
}

function describeKind(auth: AuthSettings): string {
  if (auth.type !== 'oauth2') return `${auth.type} auth`;
  return [auth.provider, auth.flow ?? '', 'OAuth2'].filter(Boolean).join(' ');
}

/** Which fields a kind of auth needs, and which it allows besides those (refresh tokens may come later). */
function fieldsFor(auth: AuthSettings): { required: Field[]; optional: Field[] } {
  if (auth.type === 'none') return { required: [], optional: [] };
  if (auth.type === 'basic') return { required: ['username', 'password'], optional: [] };
  if (auth.provider === 'google')
    return { required: ['provider', 'clientId', 'clientSecret'], optional: ['flow', 'username', 'refreshToken'] };
  if (auth.flow === 'client_credentials') {
    return { required: ['provider', 'flow', 'tenantId', 'clientId', 'clientSecret', 'username'], optional: [] };
  }
  return { required: ['provider', 'flow', 'clientId', 'clientSecret'], optional: ['tenantId', 'username', 'refreshToken'] };
}

/** Every reason the settings cannot work, each naming its field; empty when they are complete. */
export function authProblems(auth: AuthSettings): string[] {
  if (auth.type === 'oauth2' && !auth.provider) return ['auth.provider is required for oauth2 (microsoft or google)'];
  const problems: string[] = [];
  const { required, optional } = fieldsFor(auth);
  const kind = describeKind(auth);
  for (const field of required) {
    if (!present(auth, field)) problems.push(`auth.${field} is required for ${kind}`);
  }
  const all: Field[] = ['username', 'password', 'provider', 'flow', 'tenantId', 'clientId', 'clientSecret', 'refreshToken'];
  for (const field of all) {
    if (!required.includes(field) && !optional.includes(field) && present(auth, field)) {
      problems.push(`auth.${field} does not apply to ${kind}`);
    }
  }
  if (auth.provider === 'google' && auth.flow === 'client_credentials') {
    problems.push('auth.flow client_credentials is not available for Google: use refresh_token');
  }
  if (
    auth.provider === 'microsoft' &&
    auth.flow === 'client_credentials' &&
    auth.tenantId &&
    MULTI_TENANT_ALIASES.includes(auth.tenantId.toLowerCase())
  ) {
    problems.push(
      `auth.tenantId must be your directory (tenant) id or domain: Microsoft refuses "${auth.tenantId}" for app-only client credentials`,
    );
  }
  return problems;
}

/** OAuth2 refresh-token integrations cannot send until the consent flow (or the admin) supplies a token. */
export function awaitsRefreshToken(auth: AuthSettings): boolean {
  return auth.type === 'oauth2' && (auth.provider === 'google' || auth.flow === 'refresh_token') && !auth.hasRefreshToken;
}

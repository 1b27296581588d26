import type { components } from '@/lib/api/schema';
import { authKindOf, authTypeOf, PROVIDER_SERVERS, type AuthKind } from './auth-kind';
import { bounceDraftOf, bouncesBody, bouncesChanges, emptyBounceDraft, type BounceDraft } from './bounce-draft';
import { given, numberOf } from './draft-values';

type Integration = components['schemas']['IntegrationResponse'];
type CreateBody = components['schemas']['CreateIntegrationDto'];
type UpdateBody = components['schemas']['UpdateIntegrationDto'];
type AuthBody = components['schemas']['IntegrationAuthDto'];
export type Security = Integration['security'];

type AuthField = 'username' | 'tenantId' | 'clientId';
type SecretField = 'password' | 'clientSecret' | 'refreshToken';

interface SenderRow {
  /** Identifies the row while it is edited; never sent. */
  key: string;
  name: string;
  email: string;
}

/** What the integration form holds while a person edits it; secrets are empty unless typed anew. */
export interface IntegrationDraft {
  name: string;
  host: string;
  port: number | string;
  security: Security;
  allowSelfSignedCertificate: boolean;
  ehloHostname: string;
  kind: AuthKind;
  username: string;
  tenantId: string;
  clientId: string;
  password: string;
  clientSecret: string;
  refreshToken: string;
  /** Send `refreshToken: null`: drop the stored token and connect again. */
  dropRefreshToken: boolean;
  senders: SenderRow[];
  defaultSender: string;
  transactional: boolean;
  marketing: boolean;
  rateLimitPerMinute: number | string;
  maxConnections: number | string;
  bounces: BounceDraft;
}

/** Which settings each kind of sign-in takes (integration-auth.rules.ts in the API says which it requires). */
export const AUTH_FIELDS: Record<AuthKind, { fields: AuthField[]; secrets: SecretField[] }> = {
  none: { fields: [], secrets: [] },
  basic: { fields: ['username'], secrets: ['password'] },
  microsoft_app_only: { fields: ['tenantId', 'clientId', 'username'], secrets: ['clientSecret'] },
  microsoft_delegated: { fields: ['tenantId', 'clientId', 'username'], secrets: ['clientSecret', 'refreshToken'] },
  google: { fields: ['clientId', 'username'], secrets: ['clientSecret', 'refreshToken'] },
};

let rows = 0;
export function senderRow(name = '', email = ''): SenderRow {
  rows += 1;
  return { key: `sender-${rows}`, name, email };
}

export function emptyDraft(kind: AuthKind): IntegrationDraft {
  const sender = senderRow();
  const server = PROVIDER_SERVERS[kind];
  return {
    name: '',
    host: server?.host ?? '',
    port: server?.port ?? 587,
    security: 'starttls',
    allowSelfSignedCertificate: false,
    ehloHostname: '',
    kind,
    username: '',
    tenantId: '',
    clientId: '',
    password: '',
    clientSecret: '',
    refreshToken: '',
    dropRefreshToken: false,
    senders: [sender],
    defaultSender: sender.key,
    transactional: false,
    marketing: false,
    rateLimitPerMinute: '',
    maxConnections: 5,
    bounces: emptyBounceDraft(),
  };
}

export function draftOf(integration: Integration): IntegrationDraft {
  const senders = integration.senders.map((sender) => senderRow(sender.name, sender.email));
  const defaultIndex = Math.max(
    0,
    integration.senders.findIndex((sender) => sender.default),
  );
  return {
    name: integration.name,
    host: integration.host,
    port: integration.port,
    security: integration.security,
    allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
    ehloHostname: integration.ehloHostname ?? '',
    kind: authKindOf(integration.auth),
    username: integration.auth.username ?? '',
    tenantId: integration.auth.tenantId ?? '',
    clientId: integration.auth.clientId ?? '',
    password: '',
    clientSecret: '',
    refreshToken: '',
    dropRefreshToken: false,
    senders,
    defaultSender: senders[defaultIndex]?.key ?? '',
    transactional: integration.usage.transactional,
    marketing: integration.usage.marketing,
    rateLimitPerMinute: integration.rateLimitPerMinute ?? '',
    maxConnections: integration.maxConnections,
    bounces: bounceDraftOf(integration.bounces),
  };
}

function authBody(draft: IntegrationDraft): AuthBody {
  const { fields, secrets } = AUTH_FIELDS[draft.kind];
  const body: AuthBody = { ...authTypeOf(draft.kind) };
  for (const field of fields) body[field] = given(draft[field]);
  // Secrets are sent as typed: a password may begin or end with a space.
  for (const secret of secrets) if (draft[secret] !== '') body[secret] = draft[secret];
  if (secrets.includes('refreshToken') && draft.dropRefreshToken) body.refreshToken = null;
  return body;
}

function sendersOf(draft: IntegrationDraft): CreateBody['senders'] {
  return draft.senders.map((row) => ({ name: row.name.trim(), email: row.email.trim(), default: row.key === draft.defaultSender }));
}

export function createBody(draft: IntegrationDraft): CreateBody {
  return {
    name: draft.name.trim(),
    host: draft.host.trim(),
    port: Number(draft.port),
    security: draft.security,
    allowSelfSignedCertificate: draft.allowSelfSignedCertificate,
    ehloHostname: given(draft.ehloHostname),
    auth: authBody(draft),
    senders: sendersOf(draft),
    usage: { transactional: draft.transactional, marketing: draft.marketing },
    rateLimitPerMinute: numberOf(draft.rateLimitPerMinute),
    maxConnections: Number(draft.maxConnections),
    bounces: draft.bounces.enabled ? bouncesBody(draft.bounces) : undefined,
  };
}

function authChanged(draft: IntegrationDraft, stored: Integration): boolean {
  if (draft.kind !== authKindOf(stored.auth)) return true;
  const { fields, secrets } = AUTH_FIELDS[draft.kind];
  return (
    fields.some((field) => (given(draft[field]) ?? null) !== (stored.auth[field] ?? null)) ||
    secrets.some((secret) => draft[secret] !== '') ||
    draft.dropRefreshToken
  );
}

function sendersChanged(draft: IntegrationDraft, stored: Integration): boolean {
  const now = sendersOf(draft);
  return (
    now.length !== stored.senders.length ||
    now.some(
      (sender, index) =>
        sender.name !== stored.senders[index].name ||
        sender.email.toLowerCase() !== stored.senders[index].email ||
        sender.default !== stored.senders[index].default,
    )
  );
}

/**
 * Only what the person changed: an unchanged auth is left out so the stored secrets stay and the
 * status is not reset; a changed server without its secrets is the API's to refuse (422 naming them).
 */
export function updateBody(draft: IntegrationDraft, stored: Integration): UpdateBody {
  // The generated type requires maxConnections (it has a default); sending the value as it stands changes nothing.
  const body: UpdateBody = { maxConnections: Number(draft.maxConnections) };
  if (draft.name.trim() !== stored.name) body.name = draft.name.trim();
  if (draft.host.trim().toLowerCase() !== stored.host) body.host = draft.host.trim();
  if (Number(draft.port) !== stored.port) body.port = Number(draft.port);
  if (draft.security !== stored.security) body.security = draft.security;
  if (draft.allowSelfSignedCertificate !== stored.allowSelfSignedCertificate)
    body.allowSelfSignedCertificate = draft.allowSelfSignedCertificate;
  const ehlo = given(draft.ehloHostname);
  if (ehlo !== undefined && ehlo !== stored.ehloHostname) body.ehloHostname = ehlo;
  const rate = numberOf(draft.rateLimitPerMinute);
  if (rate !== undefined && rate !== stored.rateLimitPerMinute) body.rateLimitPerMinute = rate;
  if (authChanged(draft, stored)) body.auth = authBody(draft);
  if (sendersChanged(draft, stored)) body.senders = sendersOf(draft);
  if (draft.transactional !== stored.usage.transactional || draft.marketing !== stored.usage.marketing) {
    body.usage = { transactional: draft.transactional, marketing: draft.marketing };
  }
  const bounces = bouncesChanges(draft.bounces, stored.bounces);
  if (bounces) body.bounces = bounces;
  return body;
}

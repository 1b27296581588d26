import type { components } from '@/lib/api/schema';
import { mailProviderOf, type AuthKind } from './auth-kind';
import { given, numberOf } from './draft-values';

type StoredBounces = components['schemas']['BounceProcessingResponse'];
type BouncesBody = components['schemas']['BounceProcessingDto'];
export type MailboxSecurity = NonNullable<BouncesBody['security']>;
export type EnvelopeSender = BouncesBody['envelopeSender'];
/** `same`: the integration's own credentials; `basic`: a username and password of the mailbox's own. */
export type MailboxLogin = 'same' | 'basic';

/** The bounce processing part of the integration form; the mailbox password is empty unless typed anew. */
export interface BounceDraft {
  enabled: boolean;
  host: string;
  port: number | string;
  security: MailboxSecurity;
  folder: string;
  processedFolder: string;
  login: MailboxLogin;
  username: string;
  password: string;
  envelopeSender: EnvelopeSender;
}

/** Where each provider's IMAP service listens (implicit TLS on 993), filled in when bounce processing is switched on. */
const IMAP_SERVERS: Record<'microsoft' | 'google', { host: string; port: number; security: MailboxSecurity }> = {
  microsoft: { host: 'outlook.office365.com', port: 993, security: 'tls' },
  google: { host: 'imap.gmail.com', port: 993, security: 'tls' },
};

export function emptyBounceDraft(): BounceDraft {
  return {
    enabled: false,
    host: '',
    port: 993,
    security: 'tls',
    folder: 'INBOX',
    processedFolder: 'Mailroom/Processed',
    login: 'same',
    username: '',
    password: '',
    envelopeSender: 'watched_mailbox',
  };
}

export function bounceDraftOf(stored: StoredBounces): BounceDraft {
  const empty = emptyBounceDraft();
  return {
    enabled: stored.enabled,
    host: stored.host ?? empty.host,
    port: stored.port ?? empty.port,
    security: stored.security ?? empty.security,
    folder: stored.folder,
    processedFolder: stored.processedFolder,
    login: stored.auth === 'same' ? 'same' : 'basic',
    username: stored.auth === 'same' ? '' : stored.auth.username,
    password: '',
    envelopeSender: stored.envelopeSender,
  };
}

/**
 * Switched on for the first time, the provider's IMAP server is filled in (editable); a host the
 * person already typed stays. An integration that signs in with nothing has no credentials the
 * mailbox could take, so it starts with a login of its own.
 */
export function switchedOn(draft: BounceDraft, kind: AuthKind, smtpHost: string): BounceDraft {
  const provider = mailProviderOf(kind, smtpHost);
  const server = draft.host.trim() === '' && provider ? IMAP_SERVERS[provider] : {};
  return { ...draft, ...server, enabled: true, login: kind === 'none' ? 'basic' : draft.login };
}

/** The whole setting as the API takes it; a mailbox password is sent only when typed (as typed: it may begin with a space). */
export function bouncesBody(draft: BounceDraft): BouncesBody {
  return {
    enabled: draft.enabled,
    host: given(draft.host),
    port: numberOf(draft.port),
    security: draft.security,
    folder: draft.folder.trim(),
    processedFolder: draft.processedFolder.trim(),
    auth:
      draft.login === 'same'
        ? { type: 'same' }
        : { type: 'basic', username: given(draft.username), password: draft.password === '' ? undefined : draft.password },
    envelopeSender: draft.envelopeSender,
  };
}

function changedFrom(draft: BounceDraft, stored: StoredBounces): boolean {
  const before = bounceDraftOf(stored);
  return (
    draft.enabled !== before.enabled ||
    draft.host.trim().toLowerCase() !== before.host ||
    Number(draft.port) !== Number(before.port) ||
    draft.security !== before.security ||
    draft.folder.trim() !== before.folder ||
    draft.processedFolder.trim() !== before.processedFolder ||
    draft.envelopeSender !== before.envelopeSender ||
    draft.login !== before.login ||
    (draft.login === 'basic' && draft.username.trim() !== before.username) ||
    draft.password !== ''
  );
}

/**
 * What a PATCH carries about bounces: nothing when nothing changed, since any `bounces` in a PATCH
 * sets the status back to pending. Turned off, only the switch changes: the stored values stay for
 * the next time. Moved without its secrets, the API refuses with 422 naming them.
 */
export function bouncesChanges(draft: BounceDraft, stored: StoredBounces): BouncesBody | undefined {
  if (!draft.enabled) {
    // The generated type requires the fields with a default; the stored values change nothing.
    const off = { enabled: false, folder: stored.folder, processedFolder: stored.processedFolder, envelopeSender: stored.envelopeSender };
    return stored.enabled ? off : undefined;
  }
  return changedFrom(draft, stored) ? bouncesBody(draft) : undefined;
}

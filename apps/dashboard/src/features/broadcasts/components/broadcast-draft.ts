import { useState } from 'react';
import type { Broadcast, BroadcastChanges, NewBroadcast } from '../api/broadcasts';
import type { PreviewSource } from '../api/broadcast-preview';

/** The editor's fields as typed; an empty body field means that part is left out. `from` is a sender's address, '' for the default. */
export interface BroadcastDraft {
  name: string;
  listId: string | null;
  from: string;
  subject: string;
  html: string;
  text: string;
}

export type Sender = { email: string; name?: string };

// A start that shows the template language and keeps the unsubscribe link in both parts.
const STARTER: BroadcastDraft = {
  name: '',
  listId: null,
  from: '',
  subject: 'News for {{ contact.first_name }}',
  html: '<p>Hi {{ contact.first_name }},</p>\n\n<p>…</p>\n\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n',
  text: 'Hi {{ contact.first_name }},\n\n…\n\nUnsubscribe: {{ unsubscribe_url }}\n',
};

export function draftOf(broadcast?: Broadcast): BroadcastDraft {
  if (!broadcast) return STARTER;
  return {
    name: broadcast.name,
    listId: broadcast.listId,
    from: broadcast.from?.email ?? '',
    subject: broadcast.subject,
    html: broadcast.html ?? '',
    text: broadcast.text ?? '',
  };
}

export function previewSourceOf(draft: BroadcastDraft): PreviewSource {
  return { subject: draft.subject, html: draft.html || null, text: draft.text || null };
}

const mailbox = (email: string, senders: Sender[]): Sender => senders.find((sender) => sender.email === email) ?? { email };

export function newBroadcastBody(draft: BroadcastDraft, senders: Sender[]): NewBroadcast {
  return {
    name: draft.name,
    listId: draft.listId ?? '',
    subject: draft.subject,
    html: draft.html || undefined,
    text: draft.text || undefined,
    from: draft.from ? mailbox(draft.from, senders) : undefined,
  };
}

/** Everything the editor holds, with null where a part or the sender is cleared. */
export function broadcastChanges(draft: BroadcastDraft, senders: Sender[]): BroadcastChanges {
  return {
    name: draft.name,
    listId: draft.listId ?? undefined,
    subject: draft.subject,
    html: draft.html || null,
    text: draft.text || null,
    from: draft.from ? mailbox(draft.from, senders) : null,
  };
}

/**
 * The editor's state, and whether it differs from what is saved (sending and tests use the saved
 * version). What cannot be edited shows what is stored: a sent broadcast's sender is the one it went out as.
 */
export function useBroadcastDraft(saved?: Broadcast, editable = true) {
  const [typed, setTyped] = useState(() => draftOf(saved));
  const stored = draftOf(saved);
  const draft = editable ? typed : stored;
  const dirty = (Object.keys(draft) as (keyof BroadcastDraft)[]).some((key) => draft[key] !== stored[key]);
  const change = (changes: Partial<BroadcastDraft>) => setTyped((current) => ({ ...current, ...changes }));
  return { draft, change, dirty };
}

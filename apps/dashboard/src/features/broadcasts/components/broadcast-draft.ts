import { useState } from 'react';
import type { Broadcast, BroadcastChanges, NewBroadcast } from '../api/broadcasts';
import type { PreviewSource } from '../api/broadcast-preview';
import type { TemplateContent } from '../api/broadcast-templates';

/** Where a broadcast's content comes from: its own fields, or a stored template. */
export type ContentSource = 'written' | 'template';

/**
 * The editor's fields as typed; an empty body field means that part is left out. `from` is a
 * sender's address, '' for the default. With `source` 'template', `templateId` (null until one is
 * chosen) and `templateVersion` (null: the latest when sent) say what is sent, and the written
 * fields wait unused.
 */
export interface BroadcastDraft {
  name: string;
  listId: string | null;
  from: string;
  source: ContentSource;
  templateId: string | null;
  templateVersion: number | null;
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
  source: 'written',
  templateId: null,
  templateVersion: null,
  subject: 'News for {{ contact.first_name }}',
  html: '<p>Hi {{ contact.first_name }},</p>\n\n<p>…</p>\n\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n',
  text: 'Hi {{ contact.first_name }},\n\n…\n\nUnsubscribe: {{ unsubscribe_url }}\n',
};

/** A new broadcast's start: the written example, or the stored template `templateId` (a link from the template's page). */
export function starterDraft(templateId?: string): BroadcastDraft {
  return templateId ? { ...STARTER, source: 'template', templateId } : STARTER;
}

export function draftOf(broadcast: Broadcast): BroadcastDraft {
  return {
    name: broadcast.name,
    listId: broadcast.listId,
    from: broadcast.from?.email ?? '',
    source: broadcast.templateId ? 'template' : 'written',
    templateId: broadcast.templateId,
    templateVersion: broadcast.templateVersion,
    subject: broadcast.subject,
    html: broadcast.html ?? '',
    text: broadcast.text ?? '',
  };
}

/** The draft no longer uses its template: its content becomes its own, starting as a copy of what the template says. */
export function detached(content: TemplateContent): Partial<BroadcastDraft> {
  return {
    source: 'written',
    templateId: null,
    templateVersion: null,
    subject: content.subject,
    html: content.html ?? '',
    text: content.text ?? '',
  };
}

export function previewSourceOf(content: TemplateContent | BroadcastDraft): PreviewSource {
  return { subject: content.subject, html: content.html || null, text: content.text || null };
}

/** A template-based draft cannot be saved before its template is chosen. */
export const isComplete = (draft: BroadcastDraft) => draft.source === 'written' || draft.templateId !== null;

const mailbox = (email: string, senders: Sender[]): Sender => senders.find((sender) => sender.email === email) ?? { email };

/** The template, never its content: content sent alongside would make the broadcast its own (API: either, not both). */
export function newBroadcastBody(draft: BroadcastDraft, senders: Sender[]): NewBroadcast {
  const common = { name: draft.name, listId: draft.listId ?? '', from: draft.from ? mailbox(draft.from, senders) : undefined };
  if (draft.source === 'template') {
    return { ...common, templateId: draft.templateId ?? undefined, templateVersion: draft.templateVersion ?? undefined };
  }
  return { ...common, subject: draft.subject, html: draft.html || undefined, text: draft.text || undefined };
}

/** Everything the editor holds, with null where a part, the sender or the held version is cleared. */
export function broadcastChanges(draft: BroadcastDraft, senders: Sender[]): BroadcastChanges {
  const common = { name: draft.name, listId: draft.listId ?? undefined, from: draft.from ? mailbox(draft.from, senders) : null };
  if (draft.source === 'template') return { ...common, templateId: draft.templateId, templateVersion: draft.templateVersion };
  return { ...common, subject: draft.subject, html: draft.html || null, text: draft.text || null };
}

/**
 * A saved draft keeps a copy of its template's content from when it was saved, and a test mail
 * renders that copy; a send takes the template again. True when the template has changed since.
 */
export function copyIsBehind(broadcast: Broadcast, content: TemplateContent | undefined): boolean {
  if (!broadcast.templateId || !content) return false;
  return content.subject !== broadcast.subject || content.html !== broadcast.html || content.text !== broadcast.text;
}

// What the draft sends: a template-based one's written fields wait unused, and saving it does not change them.
const SENT_FIELDS: Record<ContentSource, (keyof BroadcastDraft)[]> = {
  written: ['name', 'listId', 'from', 'source', 'subject', 'html', 'text'],
  template: ['name', 'listId', 'from', 'source', 'templateId', 'templateVersion'],
};

/**
 * The editor's state from `stored`, and whether what it would send differs (sending and tests use
 * the saved version). What cannot be edited shows what is stored: a sent broadcast's sender is the one it went out as.
 */
export function useBroadcastDraft(stored: BroadcastDraft, editable = true) {
  const [typed, setTyped] = useState(stored);
  const draft = editable ? typed : stored;
  const dirty = SENT_FIELDS[draft.source].some((key) => draft[key] !== stored[key]);
  const change = (changes: Partial<BroadcastDraft>) => setTyped((current) => ({ ...current, ...changes }));
  return { draft, change, dirty };
}

import { useState } from 'react';
import type { NewTemplate, Template, TemplateChanges } from '../api/templates';

/** The editor's fields as typed; an empty body field means that part is left out. */
export interface TemplateDraft {
  key: string;
  name: string;
  subject: string;
  html: string;
  text: string;
  strict: boolean;
}

// A start that shows the template language: what the send gives is `data`, its recipient `to`.
const STARTER: TemplateDraft = {
  key: '',
  name: '',
  subject: 'Welcome, {{ data.name }}',
  html: '<p>Hi {{ data.name }},</p>\n\n<p>…</p>\n',
  text: 'Hi {{ data.name }},\n\n…\n',
  strict: false,
};

export function draftOf(template?: Template): TemplateDraft {
  if (!template) return STARTER;
  const { key, name, subject, html, text, strict } = template;
  return { key, name, subject, html: html ?? '', text: text ?? '', strict };
}

export function contentOf(draft: TemplateDraft) {
  return { subject: draft.subject, html: draft.html || null, text: draft.text || null, strict: draft.strict };
}

export function newTemplateBody(draft: TemplateDraft): NewTemplate {
  const { html, text, ...content } = contentOf(draft);
  return { key: draft.key, name: draft.name, ...content, html: html ?? undefined, text: text ?? undefined };
}

/** Everything the editor holds, with null where a part is cleared; the key is fixed once created. */
export function templateChanges(draft: TemplateDraft): TemplateChanges {
  return { name: draft.name, ...contentOf(draft) };
}

/**
 * The editor's state, and whether it differs from what is saved (tests use the saved version).
 * `reset` starts again from a template just saved or restored; nothing else overwrites what is typed.
 */
export function useTemplateDraft(saved?: Template, editable = true) {
  const [typed, setTyped] = useState(() => draftOf(saved));
  const stored = draftOf(saved);
  const draft = editable ? typed : stored;
  const dirty = (Object.keys(draft) as (keyof TemplateDraft)[]).some((key) => draft[key] !== stored[key]);
  const change = (changes: Partial<TemplateDraft>) => setTyped((current) => ({ ...current, ...changes }));
  const reset = (template: Template) => setTyped(draftOf(template));
  return { draft, change, dirty, reset };
}

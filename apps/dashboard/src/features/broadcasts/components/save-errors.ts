import { fieldError } from '@/components/form-fields';
import { ApiError } from '@/lib/api-error';
import type { ContentSource } from './broadcast-draft';

const COMMON_FIELDS = ['name', 'listId', 'from'] as const;
const CONTENT_FIELDS = { written: ['subject', 'html', 'text'], template: ['templateId', 'templateVersion'] } as const;
export type DraftField = (typeof COMMON_FIELDS)[number] | (typeof CONTENT_FIELDS)[ContentSource][number];

// Template refusals read "html: tag … not closed, line:2, col:1": the field, then a colon.
const isTemplateMessage = (message: string, field: string) => message.startsWith(`${field}:`);

/** What the API said about one of the editor's fields when saving: validation and template messages alike. */
export function saveFieldError(error: unknown, field: DraftField): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = [fieldError(error, field), ...error.messages.filter((message) => isTemplateMessage(message, field))].filter(Boolean);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/**
 * The messages no field on screen claims (a list that is gone, a sender not allowed), for above the
 * form. With a template, its content has no fields here: what the API said about it shows above too.
 */
export function saveFormErrors(error: unknown, source: ContentSource): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const shown = [...COMMON_FIELDS, ...CONTENT_FIELDS[source]];
  return error.notAbout(shown).filter((message) => !shown.some((field) => isTemplateMessage(message, field)));
}

import { fieldError } from '@/components/form-fields';
import { ApiError } from '@/lib/api-error';

export const DRAFT_FIELDS = ['name', 'listId', 'from', 'subject', 'html', 'text'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

// Template refusals read "html: tag … not closed, line:2, col:1": the field, then a colon.
const isTemplateMessage = (message: string, field: string) => message.startsWith(`${field}:`);

/** What the API said about one of the editor's fields when saving: validation and template messages alike. */
export function saveFieldError(error: unknown, field: DraftField): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = [fieldError(error, field), ...error.messages.filter((message) => isTemplateMessage(message, field))].filter(Boolean);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** The messages no field of the editor claims (a list that is gone, a sender not allowed), for above the form. */
export function saveFormErrors(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.notAbout(DRAFT_FIELDS).filter((message) => !DRAFT_FIELDS.some((field) => isTemplateMessage(message, field)));
}

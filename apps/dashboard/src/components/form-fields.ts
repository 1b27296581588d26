import { ApiError } from '@/lib/api-error';

/** A submitted form's text fields by name (inputs keep their own state; the API judges the values). */
export function formValues(event: React.FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  return Object.fromEntries([...new FormData(event.currentTarget)].map(([name, value]) => [name, String(value)]));
}

/** The API's message about `field`, for an input's `error`. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.forField(field) : undefined;
}

/** The messages no input of the form claims, for the alert above it. */
export function formLevelErrors(error: unknown, fields: readonly string[]): string[] | undefined {
  return error instanceof ApiError ? error.notAbout(fields) : undefined;
}

import { ApiError } from '@/lib/api-error';

/**
 * The integration endpoints name a field in two ways: `auth.username is required for basic auth`
 * and `auth.password: resend the password when changing host` (422), `senders: only one sender can
 * be the default`. A message belongs to one field exactly, so `senders` does not take `senders.0.email`'s.
 */
function isAbout(message: string, field: string): boolean {
  return message === field || message.startsWith(`${field} `) || message.startsWith(`${field}: `);
}

/** What the API said about `field`, for that input's `error` (the field's name is left off a `field: reason` message). */
export function messageFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const mine = error.messages.filter((message) => isAbout(message, field));
  if (mine.length === 0) return undefined;
  return mine.map((message) => (message.startsWith(`${field}: `) ? capitalised(message.slice(field.length + 2)) : message)).join('; ');
}

/** What no input of the form shows, for the alert above it. */
export function messagesForNone(error: unknown, fields: readonly string[]): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.messages.filter((message) => !fields.some((field) => isAbout(message, field)));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

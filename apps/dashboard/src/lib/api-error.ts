/**
 * What the API answered when it refused: the status and its messages. Messages start with the
 * field they are about (`to[0].email must be an email`, `requireTotp: set up a second factor…`),
 * so a form can show each next to its input and the rest above the form.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly retryAfterSeconds?: number,
  ) {
    super(messages.join('; ') || `The server answered ${status}`);
  }

  /** Messages about `field` (a property path such as `auth.password`), joined for one input; a `field: reason` loses its field's name. */
  forField(field: string): string | undefined {
    const mine = this.messages.filter((message) => isAbout(message, field));
    if (mine.length === 0) return undefined;
    return mine.map((message) => (message.startsWith(`${field}: `) ? capitalised(message.slice(field.length + 2)) : message)).join('; ');
  }

  /** Messages about none of `fields`: what the form shows above its inputs. */
  notAbout(fields: readonly string[]): string[] {
    return this.messages.filter((message) => !fields.some((field) => isAbout(message, field)));
  }
}

/** A message belongs to one field exactly: `senders` does not take `senders.0.email`'s, which its own input shows. */
function isAbout(message: string, field: string): boolean {
  return message === field || message.startsWith(`${field} `) || message.startsWith(`${field}: `);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads the API's error body (`{statusCode, error, message}`, message a string or a list). */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const message = (body as { message?: unknown } | undefined)?.message;
  const messages = Array.isArray(message) ? message.map(String) : typeof message === 'string' ? [message] : [];
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, messages, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

/** The error's own words for a person, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server cannot be reached. Check that Mailroom is running and try again.';
  return error instanceof Error ? error.message : String(error);
}

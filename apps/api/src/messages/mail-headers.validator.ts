import { ValidateBy, ValidationOptions } from 'class-validator';

/** Headers Mailroom writes itself; letting a caller set them would forge or break the message. */
export const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'dkim-signature',
  'sender',
  'reply-to',
  'return-path',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'list-unsubscribe',
  'list-unsubscribe-post',
]);
const FIELD_NAME = /^[!-9;-~]+$/; // RFC 5322 §3.6.8: printable ASCII except the colon
const MAX_HEADERS = 50;

export function headersProblem(value: unknown, property: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${property} must be an object of header names to strings`;
  const entries = Object.entries(value);
  if (entries.length > MAX_HEADERS) return `${property} may hold at most ${MAX_HEADERS} headers`;
  for (const [name, headerValue] of entries) {
    if (!FIELD_NAME.test(name)) return `${property} has an invalid header name "${name.replace(/[\r\n]/g, ' ')}"`;
    if (RESERVED_HEADERS.has(name.toLowerCase())) return `${property}.${name} is set by Mailroom and cannot be overridden`;
    if (typeof headerValue !== 'string') return `${property}.${name} must be a string`;
    if (/[\r\n]/.test(headerValue)) return `${property}.${name} must not contain line breaks`;
    if (headerValue.length > 998) return `${property}.${name} must be at most 998 characters`;
  }
  return null;
}

export const IsMailHeaders = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMailHeaders',
      validator: {
        validate: (value: unknown) => headersProblem(value, '') === null,
        defaultMessage: (args) => headersProblem(args?.value, args?.property ?? 'headers') ?? 'invalid headers',
      },
    },
    options,
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Mailroom message id in a Message-ID (`<{messageId}@{senderDomain}>`, see messageIdHeader),
 * lower-cased, with or without the angle brackets; null when the local part is not a uuid.
 * Other software puts uuids there too (Thunderbird does), so the caller still looks the id up
 * among its own messages before acting on it.
 */
export function mailroomMessageId(messageIdHeader: string): string | null {
  const localPart = /^\s*<?([^<>@\s]+)@[^<>@\s]+?>?\s*$/.exec(messageIdHeader)?.[1];
  return localPart && UUID.test(localPart) ? localPart.toLowerCase() : null;
}

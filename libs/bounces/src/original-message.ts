import { ParsedMail, parseAddressHeader } from 'mailparser';
import { FieldGroup, fieldGroups, firstField } from './field-groups';
import { MAX_NOTICE_TEXT_CHARS, MAX_REPORT_RECIPIENTS, MAX_RETURNED_HEADER_BYTES } from './report-limits';

/**
 * The parts in which a report returns the original message, whole or its header section only
 * (RFC 6522 §3, RFC 5965 §2; the UTF-8 forms of RFC 6533). mailparser keeps them as bytes.
 */
const RETURNED_ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
const MESSAGE_ID = /<[^<>\s]+>/g;
/** A Message-ID line of the original's headers as a notice quotes them in its text (Exchange, Gmail before 2015). */
const QUOTED_MESSAGE_ID = /^[ \t>]*Message-ID:[ \t]*(<[^<>\s]+>)/im;

/** The header section of the original the report returns, if it returns one. */
export function returnedHeaders(mail: ParsedMail): FieldGroup | undefined {
  const part = mail.attachments.find((attachment) => RETURNED_ORIGINAL_TYPES.has(attachment.contentType));
  return part && fieldGroups(part.content.subarray(0, MAX_RETURNED_HEADER_BYTES).toString('utf8'), 1)[0];
}

/**
 * The original's Message-IDs, angle brackets kept, from the most direct evidence on: the Message-ID
 * of the returned original; the id the report states (Gmail's `X-Original-Message-ID`); the report's
 * own In-Reply-To and References (Exchange and Gmail set them; a person's reply has them too, so only
 * a message already known to be a report gets this far); the Message-ID line of the original's
 * headers quoted in the text. A returned original with a Message-ID of its own ends the search,
 * even when it is not Mailroom's.
 */
export function originalMessageIds(mail: ParsedMail, returned: FieldGroup | undefined, statedMessageId?: string): string[] {
  const sources = [
    () => messageIds(firstField(returned, 'message-id')),
    () => messageIds(statedMessageId),
    () => [...messageIds(mail.inReplyTo), ...[mail.references ?? []].flat().flatMap((value) => messageIds(value))],
    () => messageIds(QUOTED_MESSAGE_ID.exec((mail.text ?? '').slice(0, MAX_NOTICE_TEXT_CHARS))?.[1]),
  ];
  for (const source of sources) {
    const ids = [...new Set(source())];
    if (ids.length > 0) return ids.slice(0, MAX_REPORT_RECIPIENTS);
  }
  return [];
}

/** The addresses of the returned original's `To`, the complaining recipient when an ARF report names none itself. */
export function returnedRecipients(returned: FieldGroup | undefined): string[] {
  const to = firstField(returned, 'to');
  if (!to) return [];
  const addresses = parseAddressHeader(to, { flatten: true, decodePunycode: false }).value.flatMap((entry) => entry.address || []);
  return addresses.slice(0, MAX_REPORT_RECIPIENTS);
}

function messageIds(value: string | undefined): string[] {
  return value?.match(MESSAGE_ID) ?? [];
}

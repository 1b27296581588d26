import { ParsedMail, simpleParser, SimpleParserOptions, StructuredHeader } from 'mailparser';
import { readDeliveryStatus } from './delivery-status';
import { isFailureNotice, readFailureNotice } from './failure-notice';
import { readFeedbackReport } from './feedback-report';
import { BounceReport, ComplaintReport, MailboxReport } from './mailbox-report.types';
import { originalMessageIds, returnedHeaders, returnedRecipients } from './original-message';
import { MAX_MAILBOX_REPORT_BYTES } from './report-limits';

const PARSER_OPTIONS: SimpleParserOptions = {
  // A message/delivery-status part stays a part of its own instead of being appended to the text.
  keepDeliveryStatus: true,
  // Returned originals stay bytes, even with the inline disposition ARF reports give them; and a
  // bounce inside a message someone forwards is never read as a report.
  ignoreEmbedded: true,
  // Nothing here needs HTML, links or checksums; converting a huge HTML part is work a sender can ask for.
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
  maxHtmlLengthToParse: 1024 * 1024,
};
const DELIVERY_STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status'];

/**
 * Reads a message from the sending mailbox as a bounce or a complaint about a message Mailroom
 * sent; null for anything else (a person's reply, an auto-reply, a read receipt, a delivery report
 * in which every recipient was delivered), for a message larger than MAX_MAILBOX_REPORT_BYTES and
 * for one mailparser cannot read.
 *
 * A report is recognised by its structure: an RFC 5965 feedback report is a complaint; an RFC 3464
 * DSN is read from its delivery-status part, or from its prose when that part is missing (some
 * Exchange NDRs); a message of another type is read as a notice in prose only when a mail system
 * wrote it (see isFailureNotice). Quoting a Mailroom Message-ID never makes a message a report.
 */
export async function readMailboxReport(raw: Buffer): Promise<MailboxReport | null> {
  if (raw.length > MAX_MAILBOX_REPORT_BYTES) return null;
  const mail = await simpleParser(raw, PARSER_OPTIONS).catch(() => null);
  if (!mail) return null;
  const reportType = reportTypeOf(mail);
  const feedbackPart = partText(mail, ['message/feedback-report']);
  if (reportType === 'feedback-report' || feedbackPart !== undefined) return complaint(mail, feedbackPart);
  return bounce(mail, reportType === 'delivery-status');
}

function complaint(mail: ParsedMail, feedbackPart: string | undefined): ComplaintReport | null {
  const feedback = readFeedbackReport(feedbackPart ?? '');
  if (!feedback) return null;
  const returned = returnedHeaders(mail);
  return {
    type: 'complaint',
    originalMessageIds: originalMessageIds(mail, returned),
    recipients: feedback.originalRcptTo.length > 0 ? feedback.originalRcptTo : returnedRecipients(returned),
    feedbackType: feedback.feedbackType,
    userAgent: feedback.userAgent,
  };
}

function bounce(mail: ParsedMail, isDeliveryReport: boolean): BounceReport | null {
  const statusPart = partText(mail, DELIVERY_STATUS_TYPES);
  const status = statusPart === undefined ? null : readDeliveryStatus(statusPart);
  const readsAsNotice = isDeliveryReport || statusPart !== undefined || isFailureNotice(mail);
  const recipients = status?.bounces ?? (readsAsNotice ? readFailureNotice(mail) : []);
  if (recipients.length === 0) return null;
  return {
    type: 'bounce',
    originalMessageIds: originalMessageIds(mail, returnedHeaders(mail), status?.originalMessageId),
    recipients,
    reportingMta: status?.reportingMta,
  };
}

/** The `report-type` of a multipart/report (RFC 6522 §3), lower-cased. */
function reportTypeOf(mail: ParsedMail): string | undefined {
  // mailparser always parses Content-Type into a StructuredHeader.
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined;
  return contentType?.value.toLowerCase() === 'multipart/report' ? contentType.params['report-type']?.toLowerCase() : undefined;
}

function partText(mail: ParsedMail, contentTypes: string[]): string | undefined {
  return mail.attachments.find((attachment) => contentTypes.includes(attachment.contentType))?.content.toString('utf8');
}

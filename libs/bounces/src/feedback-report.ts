import { fieldGroups, firstField } from './field-groups';
import { MAX_REPORT_RECIPIENTS } from './report-limits';

/**
 * The feedback types of RFC 5965 §7.3 that are a recipient's complaint. `not-spam` (RFC 6430) says
 * the opposite and `auth-failure` (RFC 6591) is about DKIM/SPF, not about the recipient's wishes.
 */
const COMPLAINT_FEEDBACK_TYPES = new Set(['abuse', 'fraud', 'virus', 'other']);

/** What the `message/feedback-report` part of an ARF report (RFC 5965 §3.1) says. */
export interface FeedbackReport {
  feedbackType: string;
  userAgent?: string;
  /** `Original-Rcpt-To` addresses, angle brackets removed; providers that redact them leave this empty. */
  originalRcptTo: string[];
}

/** Reads a `message/feedback-report` body; null unless its Feedback-Type is a complaint. */
export function readFeedbackReport(text: string): FeedbackReport | null {
  const [fields] = fieldGroups(text, 1);
  const feedbackType = firstField(fields, 'feedback-type')?.toLowerCase();
  if (!feedbackType || !COMPLAINT_FEEDBACK_TYPES.has(feedbackType)) return null;
  const originalRcptTo = (fields?.get('original-rcpt-to') ?? [])
    .map((value) => value.replace(/^<(.*)>$/, '$1').trim())
    .filter((address) => address.includes('@'))
    .slice(0, MAX_REPORT_RECIPIENTS);
  return { feedbackType, userAgent: firstField(fields, 'user-agent'), originalRcptTo };
}

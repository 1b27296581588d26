/** `hard`: the address will not work (suppress it); `soft`: it may work later (mailbox full, server busy). */
export type BounceKind = 'hard' | 'soft';

/** What one report says about one recipient it could not deliver to. */
export interface RecipientBounce {
  /** The address Mailroom sent to: a DSN's `Original-Recipient` when it gives one, else its `Final-Recipient`. */
  recipient: string;
  kind: BounceKind;
  /** RFC 3463 enhanced status code, e.g. `5.1.1`; `5.0.0` / `4.0.0` when a notice in prose gives none. */
  status: string;
  /** The DSN `Action` (`failed`, `delayed`), lower-cased; absent for notices in prose. */
  action?: string;
  /** The receiving server's answer as one line, at most MAX_DIAGNOSTIC_CHARS long. */
  diagnostic?: string;
  /** The DSN `Remote-MTA`: the server that gave the answer. */
  remoteMta?: string;
}

/** A delivery status notification or non-delivery report: at least one recipient failed or is delayed. */
export interface BounceReport {
  type: 'bounce';
  /**
   * Message-IDs of the original message, angle brackets kept as in the header (`<uuid@domain>`);
   * pass each to mailroomMessageId. Empty when the report names none.
   */
  originalMessageIds: string[];
  recipients: RecipientBounce[];
  /** The DSN `Reporting-MTA`: the server that wrote the report. */
  reportingMta?: string;
}

/** An abuse report (RFC 5965 ARF) from a mailbox provider's feedback loop. */
export interface ComplaintReport {
  type: 'complaint';
  /** As in BounceReport: the reported message's Message-IDs, angle brackets kept. */
  originalMessageIds: string[];
  /** The complaining addresses; empty when the provider redacted them (the message still names who it went to). */
  recipients: string[];
  /** `abuse`, `fraud`, `virus` or `other`, lower-cased. */
  feedbackType: string;
  /** The software that wrote the report, e.g. `Yahoo!-Mail-Feedback/2.0`. */
  userAgent?: string;
}

export type MailboxReport = BounceReport | ComplaintReport;

/**
 * Bounds on what reading one mailbox message may cost. A report arrives from anyone who can send
 * mail to the sending mailbox, so none of the work may grow with what the sender chooses to repeat.
 */

/**
 * Larger messages are not read (readMailboxReport returns null). A Mailroom message holds at most
 * 10 MB of attachments by default (about 14 MB once base64-encoded); a report that returns it
 * whole, even re-encoded, stays below this. The IMAP watcher can skip larger ones by RFC822.SIZE.
 */
export const MAX_MAILBOX_REPORT_BYTES = 25 * 1024 * 1024;

/** Per-recipient blocks (DSN), failed addresses (notices) and complaining addresses (ARF) kept from one report. */
export const MAX_REPORT_RECIPIENTS = 100;

/** A server's answer is kept to this many characters: enough for any real one, small enough to store per recipient. */
export const MAX_DIAGNOSTIC_CHARS = 1000;

/** The header section of a returned original is looked for in its first bytes only; real ones are a few kilobytes. */
export const MAX_RETURNED_HEADER_BYTES = 256 * 1024;

/** The human-readable text of a non-standard notice is searched in its first characters only. */
export const MAX_NOTICE_TEXT_CHARS = 100 * 1024;

// Bounce processing: delivery status notifications and complaints read from a sending mailbox over IMAP.
export * from './mailbox-report';
export * from './mailbox-report.types';
export * from './mailroom-message-id';
export { MAX_DIAGNOSTIC_CHARS, MAX_MAILBOX_REPORT_BYTES, MAX_REPORT_RECIPIENTS } from './report-limits';

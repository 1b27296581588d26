// Bounce processing: delivery status notifications and complaints read from a sending mailbox over IMAP.
export * from './watched-mailboxes.repository';
export * from './bounces.module';
export * from './imap-failure';
export * from './imap-session';
export * from './mailbox-folder-reader';
export * from './mailbox-leases';
export * from './mailbox-probe';
export * from './mailbox-report';
export * from './mailbox-report.types';
export * from './mailroom-message-id';
export * from './processed-reports-retention.repository';
export { MAX_DIAGNOSTIC_CHARS, MAX_MAILBOX_REPORT_BYTES, MAX_REPORT_RECIPIENTS } from './report-limits';
export * from './watched-mailbox-address';
export * from './watched-mailbox-login';

// SMTP integrations and their senders: the repository, encrypted secret columns and the credentials a session needs.
export * from './integration-secrets';
export * from './integration-status-recorder';
export * from './integrations.module';
export * from './integrations.repository';
export * from './shared-integration';
export * from './smtp-credentials.service';
export * from './reads-mailbox-with-own-token';
export * from './default-sender';

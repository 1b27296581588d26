export * from './integration-secrets';
export * from './integrations.module';
export * from './integrations.repository';
export * from './shared-integration';
export * from './smtp-credentials.service';

export * from './integration-secrets';
export * from './integrations.module';
export * from './integrations.repository';
export * from './smtp-credentials.service';

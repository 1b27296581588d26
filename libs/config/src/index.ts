// Validated configuration: the only reader of process.env, checked at boot.
export * from './app-config';
export * from './config.module';
export * from './load-config';
export * from './trust-proxy';
export * from './local-secrets';

// Secrets at rest (AES-256-GCM with key ids), HMAC signing, hashing and constant-time comparison.
export * from './crypto.module';
export * from './secret-box';
export * from './signing';

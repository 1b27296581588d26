export * from './crypto.module';
export * from './secret-box';
export * from './signing';

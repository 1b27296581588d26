export * from './access.decorators';
export * from './api-key-secret';
export * from './api-keys.repository';
export * from './current-workspace.decorator';
export * from './current-user.decorator';
export * from './dashboard-origin';
export * from './principal';
export * from './tenancy.module';

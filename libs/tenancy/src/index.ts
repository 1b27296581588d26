// Who may call what: API keys, session cookies, the auth guard and its permission table, and the request decorators.
export * from './access.decorators';
export * from './api-key-secret';
export * from './api-keys.repository';
export * from './current-principal.decorator';
export * from './current-workspace.decorator';
export * from './current-user.decorator';
export * from './dashboard-origin';
export * from './principal';
export * from './route-permissions';
export * from './tenancy.module';
export * from './workspace-access';

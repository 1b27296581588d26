export * from './access-token.service';
export * from './oauth-connect.service';
export * from './oauth-credentials';
export * from './oauth-error-hints';
export type { OAuthConnectState } from './oauth-state.repository';
export { OAUTH_STATE_TTL_MS } from './oauth-state.repository';
export * from './oauth-token-error';
export * from './oauth.module';
export * from './token-issuer.service';

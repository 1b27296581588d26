// The provider side of OAuth2: Microsoft and Google token endpoints, consent URLs, PKCE, state, and the shared access-token cache.
export * from './access-token.service';
export * from './authorization-code.service';
export * from './oauth-credentials';
export * from './oauth-error-hints';
export * from './oauth-state.repository';
export * from './oauth-token-error';
export * from './oauth.module';
export * from './pkce';
export * from './token-issuer.service';

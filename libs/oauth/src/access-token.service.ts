import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomToken } from '@app/crypto';
import { AccessTokenRepository } from './access-token.repository';
import { AccessTokenRef, IssuedToken, OAuthCredentials, OAuthProvider, RefreshTokenRotatedHandler } from './oauth-credentials';
import { localTokenError, OAuthTokenError } from './oauth-token-error';
import { TokenIssuerService } from './token-issuer.service';

// Longer than any token request (15 s timeouts) so a slow but live holder keeps the lock; short enough
// that a crashed holder does not stall sending for long.
const LOCK_TTL_MS = 30_000;
const WAIT_LIMIT_MS = LOCK_TTL_MS + 5_000;
const FAILURE_TTL_MS = 10_000;
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 250;
// XOAUTH2 tokens are checked at AUTH, which can come a little after the token is handed out; a margin
// also absorbs clock skew between workers and the provider.
const SAFETY_MARGIN_MS = 5 * 60_000;

/**
 * One access token per integration per lifetime for the whole deployment: cached in Redis, and
 * fetched by a single caller at a time (SET NX lock) while every other caller, in any process,
 * waits for that caller's token or error.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly issuer: TokenIssuerService,
  ) {}

  async getAccessToken(
    ref: AccessTokenRef,
    credentials: OAuthCredentials,
    onRefreshTokenRotated: RefreshTokenRotatedHandler,
  ): Promise<string> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let pause = FIRST_POLL_MS;
    for (;;) {
      const state = await this.tokens.state(ref);
      if (state.accessToken !== undefined) return state.accessToken;
      if (state.failure) throw state.failure;
      if (!state.fetching) {
        const flightId = randomToken(12);
        if (await this.tokens.tryLock(ref, flightId, LOCK_TTL_MS)) {
          return this.fetchAsHolder(ref, flightId, credentials, onRefreshTokenRotated);
        }
      }
      // Someone else is fetching: wait for its token or error. A holder that dies leaves no result,
      // and its lock expires, so the loop then takes over.
      if (Date.now() >= deadline) throw waitTimeout(credentials.provider);
      await sleep(pause);
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
  }

  /**
   * Drops the cached token, e.g. after the SMTP server refused it (535). Pass the refused token so a newer
   * one survives; without one, a recently recorded failure is dropped too (a new grant was just stored).
   */
  async invalidate(ref: AccessTokenRef, refusedAccessToken?: string): Promise<void> {
    await this.tokens.delete(ref, refusedAccessToken);
  }

  private async fetchAsHolder(
    ref: AccessTokenRef,
    flightId: string,
    credentials: OAuthCredentials,
    onRefreshTokenRotated: RefreshTokenRotatedHandler,
  ): Promise<string> {
    try {
      // The previous holder may have finished between our read and our lock.
      const state = await this.tokens.state(ref);
      if (state.accessToken !== undefined) return state.accessToken;
      if (state.failure) throw state.failure;
      return await this.fetchAndStore(ref, credentials, onRefreshTokenRotated);
    } finally {
      await this.tokens.unlock(ref, flightId);
    }
  }

  private async fetchAndStore(
    ref: AccessTokenRef,
    credentials: OAuthCredentials,
    onRefreshTokenRotated: RefreshTokenRotatedHandler,
  ): Promise<string> {
    try {
      const issued = await this.issuer.issue(credentials);
      // Saved before the token is shared: once others can refresh, the old refresh token may be refused.
      if (issued.refreshToken !== undefined) {
        await saveRotated(credentials.provider, onRefreshTokenRotated, issued.refreshToken);
      }
      const ttlMs = cacheLifetimeMs(issued);
      if (ttlMs > 0) await this.tokens.write(ref, issued.accessToken, ttlMs);
      return issued.accessToken;
    } catch (error) {
      if (error instanceof OAuthTokenError) await this.tokens.recordFailure(ref, error, FAILURE_TTL_MS);
      throw error;
    }
  }
}

async function saveRotated(provider: OAuthProvider, save: RefreshTokenRotatedHandler, refreshToken: string): Promise<void> {
  try {
    await save(refreshToken);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw localTokenError(provider, 'refresh_token_not_saved', `The rotated refresh token could not be saved: ${reason}`, {
      transient: true,
      secrets: [refreshToken],
    });
  }
}

function cacheLifetimeMs(issued: IssuedToken): number {
  const lifetime = issued.expiresAt.getTime() - Date.now();
  return Math.floor(lifetime - Math.min(SAFETY_MARGIN_MS, lifetime / 2));
}

function waitTimeout(provider: OAuthProvider): OAuthTokenError {
  const message = `No access token after waiting ${WAIT_LIMIT_MS / 1000} s for another worker to fetch it`;
  return localTokenError(provider, 'token_wait_timeout', message, { transient: true });
}

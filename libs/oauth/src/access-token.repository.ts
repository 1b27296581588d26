import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';
import { SecretBox, sha256Hex, UndecryptableSecretError } from '@app/crypto';
import { AccessTokenRef } from './oauth-credentials';
import { OAuthTokenError, OAuthTokenErrorDetails } from './oauth-token-error';

// Compare-and-delete: only the holder that set a lock may remove it, and only the token that was
// refused may be dropped (another worker may already have stored its replacement).
const DELETE_IF_EQUAL = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const DELETE_IF_PREFIXED = `local v = redis.call('get', KEYS[1]) if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface TokenState {
  fetching: boolean;
  accessToken?: string;
  failure?: OAuthTokenError;
}

/**
 * The deployment-wide access-token cache in Redis. Tokens and failures are stored encrypted, bound to
 * their key; a short fingerprint of the token precedes the ciphertext so a refused token can be
 * dropped without dropping a newer one.
 */
@Injectable()
export class AccessTokenRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  async read(ref: AccessTokenRef): Promise<string | undefined> {
    const key = this.key(ref, 'access-token');
    return this.openToken(key, await this.redis.get(key));
  }

  async write(ref: AccessTokenRef, accessToken: string, ttlMs: number): Promise<void> {
    const key = this.key(ref, 'access-token');
    await this.redis.set(key, `${fingerprint(accessToken)}.${this.box.encrypt(accessToken, key)}`, 'PX', ttlMs);
  }

  async delete(ref: AccessTokenRef, onlyIfAccessToken?: string): Promise<void> {
    const key = this.key(ref, 'access-token');
    // Dropping everything also forgets a recent failure: after a new consent, the old grant's error is stale.
    if (onlyIfAccessToken === undefined) await this.redis.del(key, this.key(ref, 'failure'));
    else await this.redis.eval(DELETE_IF_PREFIXED, 1, key, `${fingerprint(onlyIfAccessToken)}.`);
  }

  async tryLock(ref: AccessTokenRef, flightId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(ref, 'lock'), flightId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlock(ref: AccessTokenRef, flightId: string): Promise<void> {
    await this.redis.eval(DELETE_IF_EQUAL, 1, this.key(ref, 'lock'), flightId);
  }

  /**
   * Remembers a failed fetch briefly, so the callers waiting on it, and those arriving just after,
   * fail with it instead of each asking the provider again (a broken integration with a full queue
   * would otherwise cost one token request per message).
   */
  async recordFailure(ref: AccessTokenRef, error: OAuthTokenError, ttlMs: number): Promise<void> {
    const key = this.key(ref, 'failure');
    await this.redis.set(key, this.box.encrypt(JSON.stringify(error.toJSON()), key), 'PX', ttlMs);
  }

  /** Whether a fetch is under way, and the cached token or recent failure, read in one atomic step. */
  async state(ref: AccessTokenRef): Promise<TokenState> {
    const tokenKey = this.key(ref, 'access-token');
    const failureKey = this.key(ref, 'failure');
    const replies = await this.redis.multi().exists(this.key(ref, 'lock')).get(tokenKey).get(failureKey).exec();
    const [locked, token, failure] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const details = this.open(failureKey, (failure as string | null | undefined) ?? null);
    return {
      fetching: locked === 1,
      accessToken: this.openToken(tokenKey, (token as string | null | undefined) ?? null),
      failure: details === undefined ? undefined : new OAuthTokenError(JSON.parse(details) as OAuthTokenErrorDetails),
    };
  }

  // The braces make a Redis Cluster hash tag: the token, its lock and its failures share a slot, so
  // they can be read in one MULTI. (A prefix that is itself a hash tag, e.g. `{mailroom}`, wins; fine too.)
  private key(ref: AccessTokenRef, suffix: string): string {
    return `${this.config.REDIS_PREFIX}:oauth:{${ref.integrationId}:${ref.credentialsVersion}}:${suffix}`;
  }

  private openToken(key: string, stored: string | null): string | undefined {
    return this.open(key, stored === null ? null : stored.slice(stored.indexOf('.') + 1));
  }

  // A value sealed with a key that is no longer configured counts as absent: a fresh token replaces it.
  private open(key: string, stored: string | null): string | undefined {
    if (stored === null) return undefined;
    try {
      return this.box.decrypt(stored, key);
    } catch (error) {
      if (error instanceof UndecryptableSecretError) return undefined;
      throw error;
    }
  }
}

function fingerprint(accessToken: string): string {
  return sha256Hex(accessToken).slice(0, 16);
}

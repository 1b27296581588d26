import { Inject, Injectable } from '@nestjs/common';
import type { AuditActor } from '@app/audit';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';
import { SecretBox, sha256Hex, UndecryptableSecretError } from '@app/crypto';

/** What the OAuth callback needs to finish a connect flow started by `state`. */
export interface OAuthConnectState {
  workspaceId: string;
  integrationId: string;
  codeVerifier: string;
  returnUrl?: string;
  /** Who pressed "connect": the callback records the connection in their name. */
  actor: AuditActor;
}

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** Pending connect flows: single use, short-lived, stored encrypted under a hash of the state. */
@Injectable()
export class OAuthStateRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  async save(state: string, pending: OAuthConnectState): Promise<void> {
    const key = this.key(state);
    await this.redis.set(key, this.box.encrypt(JSON.stringify(pending), key), 'PX', OAUTH_STATE_TTL_MS);
  }

  /** Returns the flow once; a replayed, expired or unknown state gives undefined. */
  async consume(state: string): Promise<OAuthConnectState | undefined> {
    const key = this.key(state);
    const stored = await this.redis.getdel(key);
    if (stored === null) return undefined;
    try {
      return JSON.parse(this.box.decrypt(stored, key)) as OAuthConnectState;
    } catch (error) {
      if (error instanceof UndecryptableSecretError) return undefined;
      throw error;
    }
  }

  // Hashed, so a listing of Redis keys does not hand out states that would pass the callback's check.
  private key(state: string): string {
    return `${this.config.REDIS_PREFIX}:oauth:connect-state:${sha256Hex(state)}`;
  }
}

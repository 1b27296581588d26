import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ApiKeyEntity } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import { trustedWorkspaceId } from '@app/workspace-id';
import { hashApiKey } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';

const LAST_USED_RESOLUTION_MS = 60_000;
// Revocation is published to every process at once, and nothing is cached while that channel is down.
const CACHE_TTL_MS = 30_000;
// Short: it only has to absorb a client retrying a revoked key or a burst of guesses.
const UNKNOWN_TTL_MS = 10_000;

/**
 * Finds the active key for a bearer token. Known keys are kept in memory (by hash) so an
 * application server sending thousands of messages does not cost a query each; revoking a key
 * drops it from every process's memory through the invalidation bus. Tokens that match no
 * active key are remembered briefly too, so repeating one costs no query either.
 */
@Injectable()
export class ApiKeyLookupService {
  private readonly known = new LRUCache<string, ApiKeyEntity>({ max: 10_000, ttl: CACHE_TTL_MS });
  private readonly unknown = new LRUCache<string, true>({ max: 10_000, ttl: UNKNOWN_TTL_MS });
  /** Moves on every invalidation, so a lookup can tell that one landed while it was reading. */
  private generation = 0;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.on('api-key', (keyId) => {
      this.generation++;
      for (const [hash, key] of this.known.entries()) if (key.id === keyId) this.known.delete(hash);
    });
    // A new key's hash is unguessable, so it cannot be among the unknown ones; cheap to be sure.
    invalidation.on('api-key-created', () => {
      this.generation++;
      this.unknown.clear();
    });
    // A revocation published while this process was not listening never reaches it.
    invalidation.onMissed(() => {
      this.generation++;
      this.known.clear();
      this.unknown.clear();
    });
  }

  /** The active key with this secret, or null. Revoked keys are never returned. */
  async findActive(secret: string): Promise<ApiKeyEntity | null> {
    const keyHash = hashApiKey(secret);
    const cached = this.cached(keyHash);
    const key = cached === undefined ? await this.read(keyHash) : cached;
    if (key) await this.touch(key);
    return key;
  }

  /** The remembered answer (a key, or null for an unknown token), or undefined when the database must say. */
  private cached(keyHash: string): ApiKeyEntity | null | undefined {
    if (!this.invalidation.listening) return undefined;
    return this.known.get(keyHash) ?? (this.unknown.has(keyHash) ? null : undefined);
  }

  /**
   * A revocation can commit while the query runs: the row it returns may predate it, and
   * caching (or returning) that row would make the key valid again. The invalidation is
   * published after the commit, so if one arrived during the read, a second read sees it.
   */
  private async read(keyHash: string): Promise<ApiKeyEntity | null> {
    for (;;) {
      const generation = this.generation;
      const key = await this.keys.findActiveByHash(keyHash);
      if (generation !== this.generation) continue;
      if (!this.invalidation.listening) return key;
      if (key) this.known.set(keyHash, key);
      else this.unknown.set(keyHash, true);
      return key;
    }
  }

  /** Records use at minute resolution, so a busy key does not turn every request into a write. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    key.lastUsedAt = new Date(now);
    await this.keys.recordUse(trustedWorkspaceId(key.workspaceId), key.id, key.lastUsedAt);
  }
}

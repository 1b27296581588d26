import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import { hashApiKey } from './api-key-secret';

const LAST_USED_RESOLUTION_MS = 60_000;
// Revocation is published to every process at once; this only bounds a missed message.
const CACHE_TTL_MS = 30_000;

/**
 * Finds the active key for a bearer token. Known keys are kept in memory (by hash) so an
 * application server sending thousands of messages does not cost a query each; revoking a key
 * drops it from every process's memory through the invalidation bus.
 */
@Injectable()
export class ApiKeyLookupService {
  private readonly cache = new LRUCache<string, ApiKeyEntity>({ max: 10_000, ttl: CACHE_TTL_MS });

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    invalidation: CacheInvalidation,
  ) {
    invalidation.on('api-key', (keyId) => {
      for (const [hash, key] of this.cache.entries()) if (key.id === keyId) this.cache.delete(hash);
    });
  }

  /** The active key with this secret, or null. Revoked keys are never returned. */
  async findActive(secret: string): Promise<ApiKeyEntity | null> {
    const keyHash = hashApiKey(secret);
    let key = this.cache.get(keyHash) ?? null;
    if (!key) {
      key = await this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
      if (key) this.cache.set(keyHash, key);
    }
    if (key) await this.touch(key);
    return key;
  }

  /** Records use at minute resolution, so a busy key does not turn every request into a write. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    key.lastUsedAt = new Date(now);
    await this.keys.update({ id: key.id }, { lastUsedAt: key.lastUsedAt });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from '@app/database';
import { hashApiKey } from './api-key-secret';

const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyLookupService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** The active key with this secret, or null. Revoked keys are never returned. */
  async findActive(secret: string): Promise<ApiKeyEntity | null> {
    const key = await this.keys.findOneBy({ keyHash: hashApiKey(secret), revokedAt: IsNull() });
    if (key) await this.touch(key);
    return key;
  }

  /** Records use at minute resolution, so a busy key does not turn every request into a write. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.keys.update({ id: key.id }, { lastUsedAt: new Date(now) });
  }
}

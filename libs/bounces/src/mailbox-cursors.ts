import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

/** How far a folder was read: the folder's UIDVALIDITY and the last UID looked at. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

/**
 * Where reading a watched folder goes on from, so messages that are not reports (left where they
 * are) are not read again at every look. Losing it costs a re-read of the folder, nothing more:
 * processed reports were moved out, and the processed-reports table counts a report once.
 */
@Injectable()
export class MailboxCursors {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  async get(integrationId: string, folder: string): Promise<MailboxCursor | null> {
    const stored = await this.redis.get(this.key(integrationId, folder));
    const [uidValidity, lastUid] = stored?.split(':') ?? [];
    return uidValidity && lastUid ? { uidValidity, lastUid: Number(lastUid) } : null;
  }

  async set(integrationId: string, folder: string, cursor: MailboxCursor): Promise<void> {
    await this.redis.set(this.key(integrationId, folder), `${cursor.uidValidity}:${cursor.lastUid}`);
  }

  private key(integrationId: string, folder: string): string {
    return `${this.config.REDIS_PREFIX}:bounces:{${integrationId}}:cursor:${Buffer.from(folder).toString('base64url')}`;
  }
}

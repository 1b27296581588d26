import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

// Extends or drops the hold only while it is still this holder's.
const RENEW_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * One connection per watched mailbox across every worker: a worker holds a mailbox while its key
 * in Redis carries the worker's token. A hold that is not renewed (the worker died) runs out after
 * BOUNCE_LEASE_MS and another worker takes the mailbox. If Redis loses the keys, two workers may
 * read one mailbox for a while: the processed-reports table still counts each report once.
 */
@Injectable()
export class MailboxLeases {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  async take(integrationId: string, holder: string): Promise<boolean> {
    return (await this.redis.set(this.key(integrationId), holder, 'PX', this.config.BOUNCE_LEASE_MS, 'NX')) === 'OK';
  }

  async renew(integrationId: string, holder: string): Promise<boolean> {
    return (await this.redis.eval(RENEW_IF_HELD, 1, this.key(integrationId), holder, this.config.BOUNCE_LEASE_MS)) === 1;
  }

  async release(integrationId: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_HELD, 1, this.key(integrationId), holder);
  }

  private key(integrationId: string): string {
    return `${this.config.REDIS_PREFIX}:bounces:{${integrationId}}:lease`;
  }
}

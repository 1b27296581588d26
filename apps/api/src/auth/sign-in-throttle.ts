import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { hmacSha256 } from '@app/crypto';
import { FailureCounter, REDIS_CLIENT, RedisClient } from '@app/redis';

/** Where the answer's Retry-After goes. */
export interface HeaderSink {
  setHeader(name: string, value: string | string[]): unknown;
}

/**
 * Failed proofs of identity (a wrong password, a wrong second-factor code) are counted per
 * account and address together, and more loosely per address. The pair is what stops a guesser:
 * someone guessing from elsewhere fills their own pair, never the owner's, so nobody can lock
 * the operator out. Redis sees only keyed hashes of the email and the address.
 */
@Injectable()
export class SignInThrottle {
  private readonly perAccount: FailureCounter;
  private readonly perAddress: FailureCounter;
  private readonly pseudonymKey: Buffer;

  constructor(@Inject(REDIS_CLIENT) redis: RedisClient, config: AppConfig) {
    const durationSeconds = Math.ceil(config.LOGIN_FAILURE_WINDOW_MS / 1000);
    this.perAccount = new FailureCounter(redis, {
      keyPrefix: `${config.REDIS_PREFIX}:sign-in-failures:account`,
      points: config.LOGIN_FAILURES_PER_ACCOUNT,
      durationSeconds,
    });
    this.perAddress = new FailureCounter(redis, {
      keyPrefix: `${config.REDIS_PREFIX}:sign-in-failures:address`,
      points: config.LOGIN_FAILURES_PER_ADDRESS,
      durationSeconds,
    });
    // A key of its own, derived from the encryption key: a bare sha256 of an email is reversed by guessing emails.
    this.pseudonymKey = hmacSha256(Buffer.from(config.ENCRYPTION_KEY, 'base64'), 'mailroom sign-in throttle');
  }

  /** Refuses (429 + Retry-After) while this account, from this address, or this address at all, is over its limit. */
  async refuseWhileLimited(email: string, address: string, response: HeaderSink): Promise<void> {
    const [account, anyAccount] = await Promise.all([
      this.perAccount.retryAfter(this.pairKey(email, address)),
      this.perAddress.retryAfter(this.addressKey(address)),
    ]);
    const retryAfterSeconds = Math.max(account, anyAccount);
    if (retryAfterSeconds === 0) return;
    response.setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many failed sign-ins; retry in ${retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([this.perAccount.record(this.pairKey(email, address)), this.perAddress.record(this.addressKey(address))]);
  }

  /** The owner got in: their earlier typos from this address no longer count. */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.perAccount.clear(this.pairKey(email, address));
  }

  private pairKey(email: string, address: string): string {
    return hmacSha256(this.pseudonymKey, `${email.toLowerCase()}\n${address}`).toString('base64url');
  }

  private addressKey(address: string): string {
    return hmacSha256(this.pseudonymKey, address).toString('base64url');
  }
}

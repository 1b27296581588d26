import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { UsersRepository } from '@app/accounts';
import { AppConfig } from '@app/config';
import { SecretBox, sha256Hex } from '@app/crypto';
import { REDIS_CLIENT, RedisClient } from '@app/redis';

const ISSUER = 'Mailroom';
const RECOVERY_CODES = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
// RFC 6238 section 5.2: one step either side absorbs clock drift; a used code is refused for as long as it is accepted.
const WINDOW = 1;
const PERIOD_SECONDS = 30;
const REPLAY_GUARD_MS = (2 * WINDOW + 1) * PERIOD_SECONDS * 1000;

const totpOf = (secret: Secret, label = '') =>
  new TOTP({ issuer: ISSUER, label, secret, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
const isTotpCode = (code: string) => /^\d{6}$/.test(code);
/** 50 random bits in two groups of five base32 letters: abcde-fghij. */
function recoveryCode(): string {
  const letters = [...randomBytes(10)].map((byte) => BASE32[byte % 32]).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}
const hashRecoveryCode = (code: string) => sha256Hex(code.toLowerCase());

/** The optional RFC 6238 second factor: enrolment, confirmation, and the check at sign-in. */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly users: UsersRepository,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  /** A new secret, kept encrypted and not in force until a code from it is confirmed. */
  async enroll(userId: string, email: string): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = new Secret({ size: 20 });
    if (!(await this.users.startTotp(userId, this.box.encrypt(secret.base32, associatedData(userId))))) {
      throw new ConflictException('A second factor is already enabled: turn it off (DELETE /v1/auth/totp) before enrolling a new one');
    }
    return { secret: secret.base32, otpauthUrl: totpOf(secret, email).toString() };
  }

  /**
   * Puts the enrolled secret in force once a code shows the app has it, and returns the recovery
   * codes (shown this once); null when the code does not match.
   */
  async confirm(userId: string, code: string): Promise<string[] | null> {
    const state = await this.users.secondFactorOf(userId);
    if (state?.totpEnabledAt) throw new ConflictException('The second factor is already enabled');
    if (!state?.totpSecretEncrypted) throw new ConflictException('No second factor is being enrolled: start with POST /v1/auth/totp');
    if (!(await this.totpMatches(userId, state.totpSecretEncrypted, code))) return null;
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    if (!(await this.users.enableTotp(userId, codes.map(hashRecoveryCode))))
      throw new ConflictException('The second factor is already enabled');
    return codes;
  }

  /** Turns it off when the code (or a recovery code) is right: false when it is not. */
  async disable(userId: string, code: string): Promise<boolean> {
    if (!(await this.users.secondFactorOf(userId))?.totpEnabledAt) throw new ConflictException('No second factor is enabled');
    if (!(await this.verify(userId, code))) return false;
    await this.users.clearTotp(userId);
    return true;
  }

  /** A current TOTP code not used before, or an unused recovery code (which is then used up). */
  async verify(userId: string, code: string): Promise<boolean> {
    const state = await this.users.secondFactorOf(userId);
    if (!state?.totpEnabledAt || !state.totpSecretEncrypted) return false;
    if (isTotpCode(code)) return this.totpMatches(userId, state.totpSecretEncrypted, code);
    return this.users.useRecoveryCode(userId, hashRecoveryCode(code));
  }

  private async totpMatches(userId: string, encryptedSecret: string, code: string): Promise<boolean> {
    if (!isTotpCode(code)) return false;
    const totp = totpOf(Secret.fromBase32(this.box.decrypt(encryptedSecret, associatedData(userId))));
    const delta = totp.validate({ token: code, window: WINDOW });
    if (delta === null) return false;
    // A code seen once (over a shoulder, in a proxy's log) must not sign anyone in again.
    const step = totp.counter() + delta;
    const fresh = await this.redis.set(`${this.config.REDIS_PREFIX}:totp-used:${userId}:${step}`, '1', 'PX', REPLAY_GUARD_MS, 'NX');
    return fresh === 'OK';
  }
}

/** Binds the ciphertext to its person, so it cannot be copied onto another row. */
const associatedData = (userId: string) => `totp:${userId}`;

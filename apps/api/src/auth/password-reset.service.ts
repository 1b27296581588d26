import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { hashPassword, SessionsService, SingleUseTokensService, UsersRepository } from '@app/accounts';
import { AppConfig } from '@app/config';
import { hmacSha256 } from '@app/crypto';
import { FailureCounter, REDIS_CLIENT, RedisClient } from '@app/redis';
import { TransactionRunner } from '@app/database';
import { SystemMail } from '../messages/system-mail.service';
import { PersonAuditLog } from './person-audit-log.service';
import { resetMail } from './reset-mail';

// Enough for a person who did not get the first mail; few enough that nobody can flood an inbox through Mailroom.
const RESET_MAILS_PER_HOUR = 3;

/** Resetting a forgotten password with a single-use link, mailed through the system integration. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly mailsPerAccount: FailureCounter;
  private readonly pseudonymKey: Buffer;

  constructor(
    config: AppConfig,
    @Inject(REDIS_CLIENT) redis: RedisClient,
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: SingleUseTokensService,
    private readonly mail: SystemMail,
    private readonly audit: PersonAuditLog,
  ) {
    this.mailsPerAccount = new FailureCounter(redis, {
      keyPrefix: `${config.REDIS_PREFIX}:reset-mails`,
      points: RESET_MAILS_PER_HOUR,
      durationSeconds: 3600,
    });
    this.pseudonymKey = hmacSha256(Buffer.from(config.ENCRYPTION_KEY, 'base64'), 'mailroom reset mails');
  }

  /**
   * Answers at once and the same for every address: whether the person exists, and the time
   * mailing takes, would otherwise tell who has an account.
   */
  requestByMail(email: string): void {
    if (!this.mail.configured) return;
    this.mailLink(email).catch((error: unknown) => this.logger.error({ err: error }, 'password-reset mail not sent'));
  }

  /** Sets the new password and ends every session of the person: whoever had them is out. */
  async reset(token: string, password: string): Promise<void> {
    // Looked at first so that a made-up token costs no password hash.
    if (!(await this.tokens.usableUntil('password-reset', token))) throw invalidLink();
    const passwordHash = await hashPassword(password);
    const userId = await this.transactions.run(async (manager) => {
      const used = await this.tokens.consume('password-reset', token, manager);
      if (!used?.userId) throw invalidLink();
      await this.users.setPasswordHash(used.userId, passwordHash, manager);
      await this.tokens.retirePasswordResets(used.userId, manager);
      await this.sessions.endAllOf(used.userId, manager);
      return used.userId;
    });
    const user = await this.users.findById(userId);
    if (user) await this.audit.record(user, 'auth.password_reset');
  }

  private async mailLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    if ((await this.mailsPerAccount.record(hmacSha256(this.pseudonymKey, user.id).toString('base64url'))) > 0) return;
    const { url } = await this.tokens.issuePasswordReset(user.id);
    await this.mail.send({ to: { email: user.email, name: user.name }, ...resetMail(user.name, url) });
  }
}

const invalidLink = () => new ForbiddenException('This password-reset link is not valid (mistyped, used or expired): ask for a new one');

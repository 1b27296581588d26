import { ConflictException, ForbiddenException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hashPassword, passwordProblem, SingleUseTokensService, UsersRepository } from '@app/accounts';
import { AppConfig, DEFAULT_LOCAL_SECRETS_FILE, keepLocalSetupToken, readLocalSetupToken } from '@app/config';
import { errorCodeOf, TransactionRunner, UserEntity } from '@app/database';
import type { SetupDto } from './auth.dto';
import { SetupResponse, UserResponse } from './auth.response';
import { PersonAuditLog } from './person-audit-log.service';

const UNIQUE_VIOLATION = '23505';

/**
 * The deployment's first person. While no operator exists, every start of the API prints a
 * single-use set-up link, or creates the operator from MAILROOM_OPERATOR_EMAIL/PASSWORD.
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstRun');

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly tokens: SingleUseTokensService,
    private readonly audit: PersonAuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.operatorExists()) return;
    const { MAILROOM_OPERATOR_EMAIL: email, MAILROOM_OPERATOR_PASSWORD: password } = this.config;
    if (email && password) return this.createFromEnvironment(email, password);
    const { url, expiresAt } = await this.setupLink();
    // Printed on purpose (the message text is not among the redacted fields): it is how the first person gets in.
    this.logger.warn(
      `No operator yet: open ${url} to create the first operator account (single use, valid until ${expiresAt.toISOString()})`,
    );
  }

  async setup(dto: SetupDto): Promise<SetupResponse> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.createOperator(dto.email, dto.name, passwordHash, async (manager) => {
      if (!(await this.tokens.consume('setup', dto.token, manager))) {
        throw new ForbiddenException(
          'This set-up link is not valid (mistyped, used or expired): start Mailroom again to print a current one',
        );
      }
    });
    await this.audit.record(user, 'auth.setup', { via: 'setup_link' });
    return { user: UserResponse.from(user) };
  }

  /**
   * In development the token is kept in the local secrets file, so restarts print the same link
   * until it expires; elsewhere each start issues its own (every one works until used or expired).
   */
  private async setupLink(): Promise<{ url: string; expiresAt: Date }> {
    const file = this.config.LOCAL_SECRETS_FILE ?? DEFAULT_LOCAL_SECRETS_FILE;
    const development = this.config.NODE_ENV === 'development';
    const kept = development ? readLocalSetupToken(file) : undefined;
    if (kept) {
      const expiresAt = await this.tokens.usableUntil('setup', kept);
      if (expiresAt) return { url: this.tokens.urlOf('setup', kept), expiresAt };
    }
    const issued = await this.tokens.issueSetup();
    if (development) keepLocalSetupToken(file, issued.token);
    return { url: this.tokens.urlOf('setup', issued.token), expiresAt: issued.expiresAt };
  }

  private async createFromEnvironment(email: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new Error(`MAILROOM_OPERATOR_PASSWORD ${problem}`);
    try {
      const user = await this.createOperator(email, 'Operator', await hashPassword(password), async () => undefined);
      await this.audit.record(user, 'auth.setup', { via: 'environment' });
      this.logger.log(`Created the first operator, ${email}, from MAILROOM_OPERATOR_EMAIL; MAILROOM_OPERATOR_PASSWORD is not read again`);
    } catch (error) {
      // Another replica, starting at the same time, created it first.
      if (error instanceof ConflictException && (await this.users.operatorExists())) return;
      if (error instanceof ConflictException) {
        throw new Error(`MAILROOM_OPERATOR_EMAIL ${email} belongs to a person who is no operator; choose another address`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  private createOperator(
    email: string,
    name: string,
    passwordHash: string,
    claim: (manager: EntityManager) => Promise<void>,
  ): Promise<UserEntity> {
    return this.transactions.run(async (manager) => {
      // Every path to the first operator (set-up links, MAILROOM_OPERATOR_*, replicas starting together) queues here.
      await this.users.lockOperatorCreation(manager);
      if (await this.users.operatorExists(manager)) {
        throw new ConflictException(
          'An operator exists already: sign in with POST /v1/auth/login; further people are invited to workspaces',
        );
      }
      await claim(manager);
      try {
        return await this.users.create({ email, name, passwordHash, isOperator: true }, manager);
      } catch (error) {
        if (errorCodeOf(error) !== UNIQUE_VIOLATION) throw error;
        throw new ConflictException(['email belongs to a person who already has an account; choose another address for the operator']);
      }
    });
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { randomToken, sha256Hex } from '@app/crypto';
import { SingleUseTokenPurpose } from '@app/database';
import { SingleUseTokensRepository, UsedToken } from './single-use-tokens.repository';
import { UsersRepository } from './users.repository';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** The dashboard pages that take each kind of link (API.md, "Dashboard"). */
const PAGES: Record<SingleUseTokenPurpose, string> = { setup: '/setup', 'password-reset': '/reset-password' };

/**
 * Links that work once: the first-run set-up link and password resets. A token carries 256
 * random bits, so its sha256 is all that is stored; the clear value exists only in the link.
 */
@Injectable()
export class SingleUseTokensService {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: SingleUseTokensRepository,
    private readonly users: UsersRepository,
  ) {}

  /** A password-reset link for this person, to hand over or to mail; it works once, for PASSWORD_RESET_TTL_MS. */
  async issuePasswordReset(userId: string): Promise<{ url: string }> {
    if (!(await this.users.findById(userId))) throw new NotFoundException(`User ${userId} not found`);
    const { token } = await this.issue('password-reset', userId, this.config.PASSWORD_RESET_TTL_MS);
    return { url: this.urlOf('password-reset', token) };
  }

  issueSetup(): Promise<IssuedToken> {
    return this.issue('setup', null, this.config.SETUP_TOKEN_TTL_MS);
  }

  usableUntil(purpose: SingleUseTokenPurpose, token: string): Promise<Date | null> {
    return this.tokens.usableUntil(purpose, sha256Hex(token));
  }

  consume(purpose: SingleUseTokenPurpose, token: string, manager?: EntityManager): Promise<UsedToken | null> {
    return this.tokens.consume(purpose, sha256Hex(token), manager);
  }

  retirePasswordResets(userId: string, manager?: EntityManager): Promise<void> {
    return this.tokens.retireAll('password-reset', userId, manager);
  }

  urlOf(purpose: SingleUseTokenPurpose, token: string): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${PAGES[purpose]}?token=${token}`;
  }

  private async issue(purpose: SingleUseTokenPurpose, userId: string | null, ttlMs: number): Promise<IssuedToken> {
    const token = randomToken(32);
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.tokens.insert(purpose, sha256Hex(token), userId, expiresAt);
    return { token, expiresAt };
  }
}

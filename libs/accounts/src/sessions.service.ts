import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { randomToken, sha256Hex } from '@app/crypto';
import { UserSessionEntity } from '@app/database';
import { SessionWithUser, UserSessionsRepository } from './user-sessions.repository';

/** Where a sign-in came from, shown in the person's list of sessions. */
export interface SessionClient {
  userAgent?: string;
  ip?: string;
}

export interface StartedSession {
  /** The cookie's value: given to the browser once, only its sha256 is stored. */
  token: string;
  session: UserSessionEntity;
}

// As for API keys: a busy dashboard must not turn every request into a write. Idle expiry is
// hours, so a minute's imprecision in it does not matter.
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_USER_AGENT_LENGTH = 512;

/** Browser sessions: opaque random tokens, stored hashed, ending when idle or old, or when ended. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: UserSessionsRepository,
  ) {}

  async start(userId: string, client: SessionClient, manager?: EntityManager): Promise<StartedSession> {
    await this.sessions.deleteExpiredOf(userId, this.idleSince());
    const token = randomToken(32);
    const session = await this.sessions.insert(
      {
        userId,
        tokenHash: sha256Hex(token),
        userAgent: client.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
        ip: client.ip ?? null,
        expiresAt: new Date(Date.now() + this.config.SESSION_MAX_AGE_MS),
      },
      manager,
    );
    return { token, session };
  }

  /** The live session this cookie value belongs to, or null (unknown, ended, idle too long or too old). */
  async resolve(token: string): Promise<SessionWithUser | null> {
    const session = await this.sessions.findByTokenHash(sha256Hex(token));
    if (!session) return null;
    if (!this.isLive(session)) {
      await this.sessions.delete(session.userId, session.id);
      return null;
    }
    if (Date.now() - session.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      session.lastUsedAt = new Date();
      await this.sessions.touch(session.id, session.lastUsedAt);
    }
    return session;
  }

  async list(userId: string): Promise<UserSessionEntity[]> {
    return (await this.sessions.listOf(userId)).filter((session) => this.isLive(session));
  }

  /** True when the person had this session. */
  end(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.delete(userId, sessionId);
  }

  endAllOf(userId: string, manager?: EntityManager): Promise<void> {
    return this.sessions.deleteAllOf(userId, undefined, manager);
  }

  endOthersOf(userId: string, keepSessionId: string, manager?: EntityManager): Promise<void> {
    return this.sessions.deleteAllOf(userId, keepSessionId, manager);
  }

  private isLive(session: { lastUsedAt: Date; expiresAt: Date }): boolean {
    return session.expiresAt.getTime() > Date.now() && session.lastUsedAt.getTime() > this.idleSince().getTime();
  }

  private idleSince(): Date {
    return new Date(Date.now() - this.config.SESSION_IDLE_TIMEOUT_MS);
  }
}

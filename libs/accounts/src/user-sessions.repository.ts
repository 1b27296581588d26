import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Not, Repository } from 'typeorm';
import { UserSessionEntity } from '@app/database';

export interface NewSession {
  userId: string;
  tokenHash: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
}

/** A session with what a request needs to know about its person, read in one query. */
export interface SessionWithUser {
  id: string;
  userId: string;
  lastUsedAt: Date;
  expiresAt: Date;
  email: string;
  isOperator: boolean;
  totpEnabledAt: Date | null;
}

@Injectable()
export class UserSessionsRepository {
  constructor(@InjectRepository(UserSessionEntity) private readonly sessions: Repository<UserSessionEntity>) {}

  async insert(session: NewSession, manager: EntityManager = this.sessions.manager): Promise<UserSessionEntity> {
    const now = new Date();
    return manager.save(manager.create(UserSessionEntity, { ...session, lastUsedAt: now }));
  }

  async findByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    const rows = await this.sessions.query<
      {
        id: string;
        user_id: string;
        last_used_at: Date;
        expires_at: Date;
        email: string;
        is_operator: boolean;
        totp_enabled_at: Date | null;
      }[]
    >(
      `SELECT s.id, s.user_id, s.last_used_at, s.expires_at, u.email, u.is_operator, u.totp_enabled_at
         FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          lastUsedAt: row.last_used_at,
          expiresAt: row.expires_at,
          email: row.email,
          isOperator: row.is_operator,
          totpEnabledAt: row.totp_enabled_at,
        }
      : null;
  }

  async touch(id: string, lastUsedAt: Date): Promise<void> {
    await this.sessions.update({ id }, { lastUsedAt });
  }

  listOf(userId: string): Promise<UserSessionEntity[]> {
    return this.sessions.find({ where: { userId }, order: { lastUsedAt: 'DESC' } });
  }

  /** True when this person had a session with this id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.sessions.delete({ userId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Sessions that ended by themselves are only ever read again by a stale cookie: drop them. */
  async deleteExpiredOf(userId: string, idleSince: Date): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId AND (expires_at <= now() OR last_used_at <= :idleSince)', { userId, idleSince })
      .execute();
  }

  /** Ends every session of the person, but `keepId` when given. */
  async deleteAllOf(userId: string, keepId?: string, manager: EntityManager = this.sessions.manager): Promise<void> {
    await manager.delete(UserSessionEntity, keepId === undefined ? { userId } : { userId, id: Not(keepId) });
  }
}

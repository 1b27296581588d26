import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { SingleUseTokenEntity, SingleUseTokenPurpose } from '@app/database';

export interface UsedToken {
  id: string;
  userId: string | null;
}

/** Single-use links by the sha256 of their token; the clear token is never stored. */
@Injectable()
export class SingleUseTokensRepository {
  constructor(@InjectRepository(SingleUseTokenEntity) private readonly tokens: Repository<SingleUseTokenEntity>) {}

  async insert(purpose: SingleUseTokenPurpose, tokenHash: string, userId: string | null, expiresAt: Date): Promise<void> {
    await this.tokens.insert({ purpose, tokenHash, userId, expiresAt });
  }

  /** When the link expires, while it is unused and unexpired; otherwise null. */
  async usableUntil(purpose: SingleUseTokenPurpose, tokenHash: string): Promise<Date | null> {
    const token = await this.tokens
      .createQueryBuilder('token')
      .where('token.purpose = :purpose AND token.token_hash = :tokenHash', { purpose, tokenHash })
      .andWhere('token.used_at IS NULL AND token.expires_at > now()')
      .getOne();
    return token?.expiresAt ?? null;
  }

  /** Marks the link used, at most once however many requests race for it; null when it was not usable. */
  async consume(
    purpose: SingleUseTokenPurpose,
    tokenHash: string,
    manager: EntityManager = this.tokens.manager,
  ): Promise<UsedToken | null> {
    const [rows] = await manager.query<[{ id: string; user_id: string | null }[], number]>(
      `UPDATE single_use_tokens SET used_at = now()
        WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING id, user_id`,
      [purpose, tokenHash],
    );
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id } : null;
  }

  /** Retires the person's other unused links of this purpose (a reset done makes older reset links void). */
  async retireAll(purpose: SingleUseTokenPurpose, userId: string, manager: EntityManager = this.tokens.manager): Promise<void> {
    await manager.update(SingleUseTokenEntity, { purpose, userId, usedAt: IsNull() }, { usedAt: new Date() });
  }
}

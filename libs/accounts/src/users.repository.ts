import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { UserEntity } from '@app/database';

/** The second-factor columns, which are not read unless asked for. */
export interface SecondFactorState {
  totpSecretEncrypted: string | null;
  totpEnabledAt: Date | null;
  recoveryCodeHashes: string[];
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  isOperator: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** With the password hash, for signing in; email compared as the unique index does, case-insensitively. */
  findForSignIn(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  /** With the password hash, to check the current password before a change. */
  findWithPasswordHash(id: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.id = :id', { id }).getOne();
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne();
  }

  async create(user: NewUser, manager: EntityManager = this.users.manager): Promise<UserEntity> {
    const saved = await manager.save(manager.create(UserEntity, user));
    return (await manager.findOneBy(UserEntity, { id: saved.id }))!;
  }

  async setPasswordHash(id: string, passwordHash: string, manager: EntityManager = this.users.manager): Promise<void> {
    await manager.update(UserEntity, { id }, { passwordHash });
  }

  /** Held until the transaction ends: two first-run set-ups at once make one operator, not two. */
  async lockOperatorCreation(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['mailroom:first-operator']);
  }

  operatorExists(manager: EntityManager = this.users.manager): Promise<boolean> {
    return manager.existsBy(UserEntity, { isOperator: true });
  }

  async secondFactorOf(id: string): Promise<SecondFactorState | null> {
    const user = await this.users.findOne({
      where: { id },
      select: { id: true, totpSecretEncrypted: true, totpEnabledAt: true, recoveryCodeHashes: true },
    });
    return (
      user && {
        totpSecretEncrypted: user.totpSecretEncrypted,
        totpEnabledAt: user.totpEnabledAt,
        recoveryCodeHashes: user.recoveryCodeHashes,
      }
    );
  }

  /** A new, not yet confirmed secret; refused (false) while a second factor is enabled. */
  async startTotp(id: string, totpSecretEncrypted: string): Promise<boolean> {
    const result = await this.users.update({ id, totpEnabledAt: IsNull() }, { totpSecretEncrypted, recoveryCodeHashes: [] });
    return (result.affected ?? 0) > 0;
  }

  /** False when it was enabled already (two confirmations racing). */
  async enableTotp(id: string, recoveryCodeHashes: string[]): Promise<boolean> {
    const result = await this.users.update({ id, totpEnabledAt: IsNull() }, { totpEnabledAt: new Date(), recoveryCodeHashes });
    return (result.affected ?? 0) > 0;
  }

  async clearTotp(id: string): Promise<void> {
    await this.users.update({ id }, { totpSecretEncrypted: null, totpEnabledAt: null, recoveryCodeHashes: [] });
  }

  /** Removes the recovery code, once: true for the one request that used it. */
  async useRecoveryCode(id: string, codeHash: string): Promise<boolean> {
    const [, affected] = await this.users.query<[unknown[], number]>(
      `UPDATE users SET recovery_code_hashes = array_remove(recovery_code_hashes, $2), updated_at = now()
        WHERE id = $1 AND $2 = ANY(recovery_code_hashes)`,
      [id, codeHash],
    );
    return affected > 0;
  }
}

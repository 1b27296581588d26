import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { MemberRole, WorkspaceMemberEntity } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

/** A member as the members page lists them. */
export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  since: Date;
}

/** Why a role change or a removal did not happen. */
export type MemberChangeRefusal = 'not_member' | 'last_admin';

/** How a person stands in a workspace, as the guard needs it on each of their requests. */
export interface PersonAccess {
  /** Null when the person is not a member. */
  role: MemberRole | null;
  requireTotp: boolean;
  hasSecondFactor: boolean;
}

@Injectable()
export class WorkspaceMembersRepository {
  constructor(@InjectRepository(WorkspaceMemberEntity) private readonly members: Repository<WorkspaceMemberEntity>) {}

  /** Read on every request, so a removal or a lower role applies to the person's next one. */
  async roleOf(workspaceId: WorkspaceId, userId: string): Promise<MemberRole | null> {
    const member = await this.members.findOne({ where: { workspaceId, userId }, select: { role: true } });
    return member?.role ?? null;
  }

  /**
   * One query per request, so a removal, a lower role or a new workspace rule applies to the
   * person's next request. Null when the workspace does not exist. Takes the id the request
   * names: this is the check that makes it a WorkspaceId.
   */
  async accessOf(workspaceId: string, userId: string): Promise<PersonAccess | null> {
    const [row] = await this.members.query<{ require_totp: boolean; role: MemberRole | null; has_second_factor: boolean }[]>(
      `SELECT w.require_totp, m.role, u.totp_enabled_at IS NOT NULL AS has_second_factor
         FROM workspaces w
         LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = $2
         LEFT JOIN users u ON u.id = $2
        WHERE w.id = $1`,
      [workspaceId, userId],
    );
    return row ? { role: row.role, requireTotp: row.require_totp, hasSecondFactor: row.has_second_factor === true } : null;
  }

  /** Every workspace the person belongs to, with its name, for `GET /v1/auth/me` and the login answer. */
  async membershipsOf(userId: string): Promise<{ workspaceId: string; workspaceName: string; role: MemberRole }[]> {
    const rows = await this.members.query<{ workspace_id: string; name: string; role: MemberRole }[]>(
      `SELECT m.workspace_id, w.name, m.role FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.user_id = $1 ORDER BY w.name, w.id`,
      [userId],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, workspaceName: row.name, role: row.role }));
  }

  /** Adds the person, or changes their role if they already belong. */
  async upsert(workspaceId: WorkspaceId, userId: string, role: MemberRole): Promise<void> {
    await this.members.upsert({ workspaceId, userId, role }, ['workspaceId', 'userId']);
  }

  /** Oldest member first. */
  list(workspaceId: WorkspaceId): Promise<MemberRow[]> {
    return this.rows('m.workspace_id = $1', [workspaceId]);
  }

  async find(workspaceId: WorkspaceId, userId: string): Promise<MemberRow | null> {
    return (await this.rows('m.workspace_id = $1 AND m.user_id = $2', [workspaceId, userId]))[0] ?? null;
  }

  /** Adds the person unless they already belong; either way, the role they have now. */
  async addIfAbsent(
    workspaceId: WorkspaceId,
    userId: string,
    role: MemberRole,
    manager: EntityManager = this.members.manager,
  ): Promise<MemberRole> {
    await manager.query(
      `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO NOTHING`,
      [workspaceId, userId, role],
    );
    const member = await manager.findOneOrFail(WorkspaceMemberEntity, { where: { workspaceId, userId }, select: { role: true } });
    return member.role;
  }

  /** The role before the change, or why there was none. A workspace never loses its last admin this way. */
  changeRole(workspaceId: WorkspaceId, userId: string, role: MemberRole): Promise<MemberRole | MemberChangeRefusal> {
    return this.changeMembership(workspaceId, userId, role);
  }

  /** The role the person had, or why they were not removed. */
  remove(workspaceId: WorkspaceId, userId: string): Promise<MemberRole | MemberChangeRefusal> {
    return this.changeMembership(workspaceId, userId, null);
  }

  /**
   * `role` null removes. The workspace's admin rows are locked first: two admins demoting (or
   * removing) each other at the same moment would otherwise each see the other one stay, and
   * leave the workspace with none.
   */
  private changeMembership(workspaceId: WorkspaceId, userId: string, role: MemberRole | null): Promise<MemberRole | MemberChangeRefusal> {
    return this.members.manager.transaction(async (manager) => {
      const admins = await manager.query<{ user_id: string }[]>(
        `SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND role = 'admin' FOR UPDATE`,
        [workspaceId],
      );
      const member = await manager.findOne(WorkspaceMemberEntity, { where: { workspaceId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!member) return 'not_member';
      if (member.role === 'admin' && role !== 'admin' && admins.length === 1) return 'last_admin';
      if (role === null) await manager.delete(WorkspaceMemberEntity, { workspaceId, userId });
      else await manager.update(WorkspaceMemberEntity, { workspaceId, userId }, { role });
      return member.role;
    });
  }

  private async rows(where: string, parameters: string[]): Promise<MemberRow[]> {
    const rows = await this.members.query<{ user_id: string; email: string; name: string; role: MemberRole; created_at: Date }[]>(
      `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM workspace_members m JOIN users u ON u.id = m.user_id
        WHERE ${where} ORDER BY m.created_at, m.user_id`,
      parameters,
    );
    return rows.map((row) => ({ userId: row.user_id, email: row.email, name: row.name, role: row.role, since: row.created_at }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MemberRole, WorkspaceMemberEntity } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

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
}

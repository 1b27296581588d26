import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MemberRole, WorkspaceMemberEntity } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

@Injectable()
export class WorkspaceMembersRepository {
  constructor(@InjectRepository(WorkspaceMemberEntity) private readonly members: Repository<WorkspaceMemberEntity>) {}

  /** Read on every request, so a removal or a lower role applies to the person's next one. */
  async roleOf(workspaceId: WorkspaceId, userId: string): Promise<MemberRole | null> {
    const member = await this.members.findOne({ where: { workspaceId, userId }, select: { role: true } });
    return member?.role ?? null;
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

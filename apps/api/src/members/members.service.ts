import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { MemberChangeRefusal, MemberRow, WorkspaceMembersRepository } from '@app/accounts';
import { AuditLog } from '@app/audit';
import type { MemberRole } from '@app/database';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { MemberResponse } from './member.response';

/** The people of a workspace. A change applies to the person's next request: the guard reads the role each time. */
@Injectable()
export class MembersService {
  constructor(
    private readonly members: WorkspaceMembersRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(workspaceId: WorkspaceId): Promise<MemberResponse[]> {
    return (await this.members.list(workspaceId)).map(MemberResponse.from);
  }

  async changeRole(workspaceId: WorkspaceId, principal: Principal, userId: string, role: MemberRole): Promise<MemberResponse> {
    const member = await this.find(workspaceId, userId);
    const before = this.changed(member, await this.members.changeRole(workspaceId, userId, role), 'demote');
    await this.audit.record(workspaceId, principal, 'member.role_changed', `user:${userId}`, {
      email: member.email,
      from: before,
      to: role,
    });
    return MemberResponse.from({ ...member, role });
  }

  async remove(workspaceId: WorkspaceId, principal: Principal, userId: string): Promise<void> {
    const member = await this.find(workspaceId, userId);
    const role = this.changed(member, await this.members.remove(workspaceId, userId), 'remove');
    await this.audit.record(workspaceId, principal, 'member.removed', `user:${userId}`, { email: member.email, role });
  }

  private async find(workspaceId: WorkspaceId, userId: string): Promise<MemberRow> {
    const member = await this.members.find(workspaceId, userId);
    if (!member) throw this.notFound(userId);
    return member;
  }

  /** The role before the change; a member removed meanwhile is not found. */
  private changed(member: MemberRow, outcome: MemberRole | MemberChangeRefusal, verb: string): MemberRole {
    if (outcome === 'not_member') throw this.notFound(member.userId);
    if (outcome === 'last_admin') {
      throw new ConflictException(
        `Cannot ${verb} the last admin of the workspace: make another member admin first (PATCH …/members/{userId})`,
      );
    }
    return outcome;
  }

  private notFound(userId: string): NotFoundException {
    return new NotFoundException(`Member ${userId} not found`);
  }
}

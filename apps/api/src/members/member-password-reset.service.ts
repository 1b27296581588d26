import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { SingleUseTokensService, UsersRepository, WorkspaceMembersRepository } from '@app/accounts';
import { AuditLog } from '@app/audit';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { PasswordResetLinkResponse } from './member.response';

/**
 * A reset link an admin hands to a member who cannot sign in. A workspace's admin may only
 * reset people whose whole account is within the workspace: otherwise resetting would take over
 * an operator, or someone's access to workspaces the admin has no say in.
 */
@Injectable()
export class MemberPasswordResetService {
  constructor(
    private readonly members: WorkspaceMembersRepository,
    private readonly users: UsersRepository,
    private readonly tokens: SingleUseTokensService,
    private readonly audit: AuditLog,
  ) {}

  async issue(workspaceId: WorkspaceId, principal: Principal, userId: string): Promise<PasswordResetLinkResponse> {
    const member = await this.members.find(workspaceId, userId);
    const user = member && (await this.users.findById(userId));
    if (!member || !user) throw new NotFoundException(`Member ${userId} not found`);
    if (!isOperator(principal)) await this.refuseBeyondWorkspace(user.isOperator, userId);
    const link = await this.tokens.issuePasswordReset(userId);
    await this.audit.record(workspaceId, principal, 'member.password_reset_issued', `user:${userId}`, { email: member.email });
    return link;
  }

  private async refuseBeyondWorkspace(targetIsOperator: boolean, userId: string): Promise<void> {
    if (targetIsOperator) {
      throw new ForbiddenException("This member is an operator: only the operator may reset an operator's password");
    }
    if ((await this.members.membershipsOf(userId)).length > 1) {
      throw new ForbiddenException('This member belongs to another workspace too: only the operator may reset their password');
    }
  }
}

const isOperator = (principal: Principal) => principal.kind === 'platform' || (principal.kind === 'user' && principal.isOperator);

import { Injectable } from '@nestjs/common';
import { WorkspaceMembersRepository } from '@app/accounts';
import { AuditAction, AuditActor, AuditLog } from '@app/audit';
import type { UserPrincipal } from '@app/tenancy';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import type { ClientInfo } from './client.decorator';

/** Whose account an event is about, as a user row or a signed-in principal names them. */
export interface AuditedPerson {
  id: string;
  email: string;
  isOperator: boolean;
}

export const signedInPerson = (principal: UserPrincipal): AuditedPerson => ({
  id: principal.userId,
  email: principal.email,
  isOperator: principal.isOperator,
});

/** Where a sign-in or a password change came from, for whoever reads the log after an account was taken over. */
export const clientDetails = (client: ClientInfo) => ({ ip: client.ip, userAgent: client.userAgent ?? null });

/**
 * A person's own events (signing in and out, their password, second factor and sessions) belong
 * to no one workspace. They go to the operator log when the person is an operator, and to the
 * log of every workspace the person belongs to at that moment: each workspace's admins see how
 * their people get in, and operators how the operators do. Someone in no workspace and no
 * operator has no log to be in.
 */
@Injectable()
export class PersonAuditLog {
  constructor(
    private readonly audit: AuditLog,
    private readonly members: WorkspaceMembersRepository,
  ) {}

  async record(person: AuditedPerson, action: AuditAction, details: Record<string, unknown> = {}): Promise<void> {
    const actor: AuditActor = { type: 'user', id: person.id, label: person.email };
    for (const log of await this.logsOf(person)) await this.audit.recordAs(log, actor, action, `user:${person.id}`, details);
  }

  private async logsOf(person: AuditedPerson): Promise<(WorkspaceId | null)[]> {
    const workspaces = (await this.members.membershipsOf(person.id)).map((membership) => trustedWorkspaceId(membership.workspaceId));
    return person.isOperator ? [null, ...workspaces] : workspaces;
  }
}

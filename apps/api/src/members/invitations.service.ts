import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InvitationsRepository, UsersRepository, WorkspaceMembersRepository } from '@app/accounts';
import { AuditLog } from '@app/audit';
import { AppConfig } from '@app/config';
import { randomToken, sha256Hex } from '@app/crypto';
import type { InvitationEntity } from '@app/database';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { InviteMemberDto } from './member.dto';
import { CreatedInvitationResponse, InvitationResponse } from './invitation.response';
import { InvitationMailer } from './invitation-mailer.service';

const DAY_MS = 24 * 3600_000;

/** Invitations an admin issues, lists, resends and revokes. Accepting one is InvitationAcceptance's. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly members: WorkspaceMembersRepository,
    private readonly mailer: InvitationMailer,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /** Inviting an address again replaces its pending invitation: the older link stops working. */
  async invite(workspaceId: WorkspaceId, principal: Principal, dto: InviteMemberDto): Promise<CreatedInvitationResponse> {
    const email = dto.email.toLowerCase();
    const user = await this.users.findByEmail(email);
    const role = user && (await this.members.roleOf(workspaceId, user.id));
    if (role) {
      throw new ConflictException(
        `email: ${email} is already a member of this workspace (${role}); change their role with PATCH …/members/${user.id}`,
      );
    }
    const token = randomToken(32);
    const invitation = await this.invitations.replacePending(workspaceId, {
      email,
      role: dto.role,
      tokenHash: sha256Hex(token),
      invitedBy: principal.kind === 'user' ? principal.userId : null,
      expiresAt: this.expiry(),
    });
    await this.audit.record(workspaceId, principal, 'member.invited', `invitation:${invitation.id}`, { email, role: dto.role });
    return this.issued(workspaceId, principal, invitation, token);
  }

  async listPending(workspaceId: WorkspaceId): Promise<InvitationResponse[]> {
    return (await this.invitations.listPending(workspaceId)).map(InvitationResponse.from);
  }

  /** A new link (and a new expiry) for an invitation not accepted nor revoked; the old link stops working. */
  async resend(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<CreatedInvitationResponse> {
    const invitation = await this.find(workspaceId, id);
    const token = randomToken(32);
    if (!(await this.invitations.reissue(workspaceId, id, sha256Hex(token), this.expiry()))) throw this.noLongerPending(invitation);
    const reissued = (await this.invitations.findById(workspaceId, id))!;
    await this.audit.record(workspaceId, principal, 'invitation.resent', `invitation:${id}`, { email: reissued.email });
    return this.issued(workspaceId, principal, reissued, token);
  }

  async revoke(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<void> {
    const invitation = await this.find(workspaceId, id);
    if (invitation.revokedAt) return;
    if (!(await this.invitations.revoke(workspaceId, id))) throw this.noLongerPending(invitation);
    await this.audit.record(workspaceId, principal, 'invitation.revoked', `invitation:${id}`, { email: invitation.email });
  }

  /** The answer that shows the link, the only time it is shown; mailed too when the workspace can. */
  private async issued(
    workspaceId: WorkspaceId,
    principal: Principal,
    invitation: InvitationEntity,
    token: string,
  ): Promise<CreatedInvitationResponse> {
    const url = `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/invite/${token}`;
    const messageId = await this.mailer.send(workspaceId, invitation, url, this.audit.actorOf(principal));
    return { invitation: { ...InvitationResponse.from(invitation), url, messageId } };
  }

  private expiry(): Date {
    return new Date(Date.now() + this.config.INVITATION_TTL_DAYS * DAY_MS);
  }

  private async find(workspaceId: WorkspaceId, id: string): Promise<InvitationEntity> {
    const invitation = await this.invitations.findById(workspaceId, id);
    if (!invitation) throw new NotFoundException(`Invitation ${id} not found`);
    return invitation;
  }

  private noLongerPending(invitation: InvitationEntity): ConflictException {
    return invitation.acceptedAt
      ? new ConflictException(`Invitation ${invitation.id} was already accepted: ${invitation.email} is a member (see GET …/members)`)
      : new ConflictException(`Invitation ${invitation.id} was revoked: invite ${invitation.email} again with POST …/members`);
  }
}

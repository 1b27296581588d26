import {
  BadRequestException,
  ConflictException,
  GoneException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  hashPassword,
  InvitationsRepository,
  NewUser,
  passwordMatches,
  passwordProblem,
  UsersRepository,
  WorkspaceMembersRepository,
} from '@app/accounts';
import { AuditLog } from '@app/audit';
import { sha256Hex } from '@app/crypto';
import { errorCodeOf, InvitationEntity, MemberRole, TransactionRunner, UserEntity } from '@app/database';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';
import { INVITATION_PASSWORD_GUESSES, InvitationGuessLimiter } from './invitation-guess-limiter';
import { AcceptInvitationDto } from './member.dto';
import { AcceptedInvitationResponse } from './invitation.response';

const UNIQUE_VIOLATION = '23505';

/**
 * Accepting an invitation link: a new address gets an account (name and password), an address
 * that has one joins with it, proven by that account's current password — holding the link
 * alone must not be enough to add a workspace to someone else's account (and guessing that
 * password here ends the invitation after a few tries).
 */
@Injectable()
export class InvitationAcceptance {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly members: WorkspaceMembersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly audit: AuditLog,
    private readonly guesses: InvitationGuessLimiter,
  ) {}

  async accept(dto: AcceptInvitationDto): Promise<AcceptedInvitationResponse> {
    const invitation = this.usable(await this.invitations.findByTokenHash(sha256Hex(dto.token)));
    const existing = await this.users.findForSignIn(invitation.email);
    const account = existing ? await this.proven(invitation, existing, dto.password) : await this.newUser(invitation.email, dto);

    const workspaceId = trustedWorkspaceId(invitation.workspaceId);
    const { user, role } = await this.join(workspaceId, invitation, account);

    await this.audit.recordAs(
      workspaceId,
      { type: 'user', id: user.id, label: user.email },
      'invitation.accepted',
      `invitation:${invitation.id}`,
      {
        email: user.email,
        role,
        newAccount: existing === null,
      },
    );
    const workspace = await this.workspaces.get(workspaceId);
    return {
      user: { id: user.id, email: user.email, name: user.name, isOperator: user.isOperator },
      membership: { workspaceId, workspaceName: workspace.name, role },
    };
  }

  /** Claims the invitation, creates the account if it is new, and adds the membership: all of it or none. */
  private async join(
    workspaceId: WorkspaceId,
    invitation: InvitationEntity,
    account: UserEntity | NewUser,
  ): Promise<{ user: UserEntity; role: MemberRole }> {
    try {
      return await this.transactions.run(async (manager) => {
        // Claimed first: of two acceptances at the same moment, one gets the invitation.
        if (!(await this.invitations.markAccepted(invitation.id, manager))) throw this.gone('was already used');
        const user = account instanceof UserEntity ? account : await this.users.create(account, manager);
        return { user, role: await this.members.addIfAbsent(workspaceId, user.id, invitation.role, manager) };
      });
    } catch (error) {
      if (errorCodeOf(error) !== UNIQUE_VIOLATION) throw error;
      throw new ConflictException(`${invitation.email} got an account meanwhile: accept again with its password`);
    }
  }

  private usable(invitation: InvitationEntity | null): InvitationEntity {
    if (!invitation) {
      throw new NotFoundException(
        'token: this invitation link is not valid (mistyped, or replaced by a newer one); ask an admin of the workspace for a new one',
      );
    }
    if (invitation.acceptedAt) throw this.gone('was already used');
    if (invitation.revokedAt) throw this.gone('was revoked');
    if (invitation.expiresAt.getTime() <= Date.now()) throw this.gone(`expired on ${invitation.expiresAt.toISOString()}`);
    return invitation;
  }

  private gone(why: string): GoneException {
    return new GoneException(`token: this invitation ${why}; ask an admin of the workspace to send a new one`);
  }

  private async newUser(email: string, dto: AcceptInvitationDto): Promise<NewUser> {
    const problems: string[] = [];
    if (dto.name === undefined) problems.push('name is required to create the account');
    const weakness = dto.password === undefined ? 'is required to create the account' : passwordProblem(dto.password);
    if (weakness) problems.push(`password ${weakness}`);
    if (problems.length > 0) throw new BadRequestException(problems);
    return { email, name: dto.name!, passwordHash: await hashPassword(dto.password!), isOperator: false };
  }

  private async proven(invitation: InvitationEntity, user: UserEntity, password: string | undefined): Promise<UserEntity> {
    if (password === undefined) {
      throw new BadRequestException([
        `password is required: ${user.email} already has an account; give its current password to join with it`,
      ]);
    }
    if (await passwordMatches(user.passwordHash, password)) return user;
    if (await this.guesses.exhausted(invitation.id)) {
      await this.invitations.revoke(trustedWorkspaceId(invitation.workspaceId), invitation.id);
      throw this.gone(`was revoked after ${INVITATION_PASSWORD_GUESSES} wrong passwords`);
    }
    throw new UnauthorizedException(`password does not match the account of ${user.email}`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { InvitationEntity, MemberRole } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

export interface NewInvitation {
  email: string;
  role: MemberRole;
  tokenHash: string;
  invitedBy: string | null;
  expiresAt: Date;
}

/** Invitations are found by the sha256 of their link's token; the token itself is never stored. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>) {}

  /** Inserts the invitation and revokes any earlier pending one for the same address: one live link per person. */
  async replacePending(workspaceId: WorkspaceId, invitation: NewInvitation): Promise<InvitationEntity> {
    return this.invitations.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(InvitationEntity)
        .set({ revokedAt: new Date() })
        .where('workspace_id = :workspaceId AND lower(email) = lower(:email) AND accepted_at IS NULL AND revoked_at IS NULL', {
          workspaceId,
          email: invitation.email,
        })
        .execute();
      const saved = await manager.save(manager.create(InvitationEntity, { ...invitation, workspaceId }));
      return (await manager.findOneBy(InvitationEntity, { id: saved.id }))!;
    });
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<InvitationEntity | null> {
    return this.invitations.findOneBy({ workspaceId, id });
  }

  /** Neither accepted, revoked nor expired; oldest first. */
  listPending(workspaceId: WorkspaceId): Promise<InvitationEntity[]> {
    return this.invitations.find({
      where: { workspaceId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'ASC' },
    });
  }

  /** A new token and expiry for an invitation not accepted nor revoked (an expired one comes back to life); false otherwise. */
  async reissue(workspaceId: WorkspaceId, id: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
    const result = await this.invitations.update({ workspaceId, id, acceptedAt: IsNull(), revokedAt: IsNull() }, { tokenHash, expiresAt });
    return (result.affected ?? 0) > 0;
  }

  /** True when an invitation not yet accepted nor revoked was revoked now. */
  async revoke(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.invitations.update({ workspaceId, id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Whatever its state, so that the answer can say why a link no longer works. The token names its workspace. */
  findByTokenHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.invitations.findOneBy({ tokenHash });
  }

  /** The single use: true for the one caller that marked it accepted while it was still pending. */
  async markAccepted(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(
      InvitationEntity,
      { id, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { acceptedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }
}

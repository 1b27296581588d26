import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@app/audit';
import { InvitationEntity } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';
import { MessagesService } from '../messages/messages.service';

/**
 * Mails an invitation link through the workspace's transactional integration, as any message
 * of the workspace: accepted, queued and sent by the worker. Without one (or without a sender
 * on it) nothing is sent and the admin hands the link over.
 */
@Injectable()
export class InvitationMailer {
  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly messages: MessagesService,
    private readonly workspaces: WorkspacesRepository,
  ) {}

  /** The id of the message that carries the link, or null when the workspace cannot mail it. */
  async send(workspaceId: WorkspaceId, invitation: InvitationEntity, url: string, inviter: AuditActor): Promise<string | null> {
    const integration = await this.integrations.cachedByUsage(workspaceId, 'transactional');
    if (!integration || integration.senders.length === 0) return null;
    const workspace = await this.workspaces.get(workspaceId);
    const who = inviter.type === 'user' ? inviter.label : 'An operator of Mailroom';
    const { message } = await this.messages.send(workspaceId, {
      type: 'transactional',
      to: [invitation.email],
      subject: `You are invited to ${workspace.name}`,
      text:
        `${who} invited you to the workspace "${workspace.name}" as ${invitation.role}.\n\n` +
        `Accept the invitation: ${url}\n\n` +
        `The link works once, until ${invitation.expiresAt.toUTCString()}. If you did not expect it, ignore this message.\n`,
      // A tracked link would be stored, and shown to the workspace, with the token in it.
      tracking: { opens: false, clicks: false },
      tags: ['invitation'],
      metadata: { invitationId: invitation.id },
    });
    return message.id;
  }
}

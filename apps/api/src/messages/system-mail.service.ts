import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntegrationsRepository } from '@app/integrations';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { AcceptedMessagesWriter } from './accepted-messages.writer';
import { draftMessage } from './message-draft';

export interface SystemMessage {
  to: { email: string; name?: string };
  subject: string;
  text: string;
  html: string;
}

// Mailroom's own mail carries single-use links: a rewritten link would pass through tracking, and a pixel tells nobody anything useful.
const UNTRACKED = { trackingOpens: false, trackingClicks: false };

/**
 * Mailroom's own mail (password resets), sent through the integration MAILROOM_SYSTEM_INTEGRATION
 * names: accepted like any message of that workspace, queued and delivered by the worker.
 */
@Injectable()
export class SystemMail {
  private readonly logger = new Logger(SystemMail.name);
  private readonly target?: { workspaceId: WorkspaceId; integrationId: string };

  constructor(
    config: AppConfig,
    private readonly integrations: IntegrationsRepository,
    private readonly accepted: AcceptedMessagesWriter,
  ) {
    const [workspaceId, integrationId] = config.MAILROOM_SYSTEM_INTEGRATION?.split('/') ?? [];
    // Named by the operator's configuration, which is as trusted as the guard's checks.
    if (workspaceId && integrationId) this.target = { workspaceId: trustedWorkspaceId(workspaceId), integrationId };
  }

  get configured(): boolean {
    return this.target !== undefined;
  }

  /** Queues the message; false when there is no system integration to send it. */
  async send(message: SystemMessage): Promise<boolean> {
    if (!this.target) return false;
    const { workspaceId, integrationId } = this.target;
    const integration = await this.integrations.findById(workspaceId, integrationId);
    if (!integration) {
      this.logger.warn({ workspaceId, integrationId }, "MAILROOM_SYSTEM_INTEGRATION names no integration; Mailroom's own mail is not sent");
      return false;
    }
    const row = draftMessage(
      { type: 'transactional', to: [message.to], subject: message.subject, text: message.text, html: message.html, tags: ['mailroom'] },
      { workspace: UNTRACKED, integration },
    );
    await this.accepted.write(workspaceId, row);
    return true;
  }
}

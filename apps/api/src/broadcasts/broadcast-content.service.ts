import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AuditLog } from '@app/audit';
import { IntegrationsRepository } from '@app/integrations';
import { BroadcastsRepository, ContactsRepository } from '@app/marketing';
import {
  compileMailTemplates,
  contactTemplateContext,
  previewMailTemplates,
  renderMailTemplates,
  TemplateContact,
  TemplateContext,
  TemplateError,
} from '@app/templating';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { AcceptedMessagesWriter } from '../messages/accepted-messages.writer';
import { draftMessage } from '../messages/message-draft';
import type { AcceptedMessageResponse } from '../messages/message.response';
import { PreviewBroadcastDto, TestBroadcastDto } from './broadcast.dto';
import { BroadcastPreviewResponse, TemplateProblemResponse } from './broadcast-preview.response';
import { requireMarketingIntegration } from './marketing-integration';

const NO_CONTACT: TemplateContact = { email: '', firstName: null, lastName: null, attributes: {} };

// A test is the author's own mail: no pixel or tracked links to count, and sent as transactional so
// that no List-Unsubscribe header offers to unsubscribe the author's address from the workspace's marketing mail.
const UNTRACKED = { trackingOpens: false, trackingClicks: false };

/**
 * A broadcast's content as a contact will get it, before anything is sent: previews of what the
 * editor holds, and a test mail of the saved draft. Both render with the engines, sandbox and
 * limits of a real send (libs/templating).
 */
@Injectable()
export class BroadcastContentService {
  constructor(
    private readonly config: AppConfig,
    private readonly broadcasts: BroadcastsRepository,
    private readonly contacts: ContactsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly accepted: AcceptedMessagesWriter,
    private readonly audit: AuditLog,
  ) {}

  async preview(workspaceId: WorkspaceId, dto: PreviewBroadcastDto): Promise<BroadcastPreviewResponse> {
    const contact = dto.contactId === undefined ? null : await this.contact(workspaceId, dto.contactId);
    const source = { subject: dto.subject, html: dto.html ?? null, text: dto.text ?? null };
    const { rendered, problems } = previewMailTemplates(source, this.context(contact ?? NO_CONTACT));
    return {
      ...rendered,
      contact: contact && { id: contact.id, email: contact.email },
      errors: problems.map((problem) => TemplateProblemResponse.from(problem)),
    };
  }

  /** The saved broadcast, rendered for the contact, to `to` through the marketing integration, subject marked as a test. */
  async sendTest(workspaceId: WorkspaceId, principal: Principal, id: string, dto: TestBroadcastDto): Promise<AcceptedMessageResponse> {
    const broadcast = await this.broadcasts.findById(workspaceId, id);
    if (!broadcast) throw new NotFoundException(`Broadcast ${id} not found`);
    const contact =
      dto.contactId === undefined ? { ...NO_CONTACT, email: dto.to.toLowerCase() } : await this.contact(workspaceId, dto.contactId);
    let rendered: ReturnType<typeof renderMailTemplates>;
    try {
      rendered = renderMailTemplates(compileMailTemplates(broadcast), this.context(contact));
    } catch (error) {
      if (error instanceof TemplateError) throw new UnprocessableEntityException([error.message]);
      throw error;
    }
    const integration = await requireMarketingIntegration(this.integrations, workspaceId);
    const row = draftMessage(
      {
        type: 'transactional',
        from: broadcast.fromEmail ? { email: broadcast.fromEmail, name: broadcast.fromName ?? undefined } : undefined,
        to: [dto.to],
        subject: `[Test] ${rendered.subject}`,
        html: rendered.html ?? undefined,
        text: rendered.text ?? undefined,
        tags: ['broadcast-test'],
        metadata: { broadcastId: id },
      },
      { workspace: UNTRACKED, integration },
    );
    await this.accepted.write(workspaceId, row);
    await this.audit.record(workspaceId, principal, 'broadcast.test_sent', `broadcast:${id}`, {
      name: broadcast.name,
      to: dto.to,
      messageId: row.id,
    });
    return { id: row.id, status: 'queued' };
  }

  private async contact(workspaceId: WorkspaceId, id: string) {
    const contact = await this.contacts.findById(workspaceId, id);
    if (!contact) throw new NotFoundException(`Contact ${id} not found`);
    return contact;
  }

  /**
   * The unsubscribe link of a preview or test belongs to no message, so it unsubscribes nobody:
   * it opens the "link not recognised" page, where a real mail's link would unsubscribe.
   */
  private context(contact: TemplateContact): TemplateContext {
    return contactTemplateContext(contact, () => `${this.config.PUBLIC_BASE_URL}/u/preview`);
  }
}

import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AuditLog } from '@app/audit';
import { IntegrationsRepository } from '@app/integrations';
import { CompiledTemplateVersion, TemplateResolver } from '@app/templates';
import { MessageTemplateScope, previewMailTemplates, renderMailTemplates, RenderedMail } from '@app/templating';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { TemplateProblemResponse } from '../broadcasts/broadcast-preview.response';
import { AcceptedMessagesWriter } from '../messages/accepted-messages.writer';
import { draftMessage } from '../messages/message-draft';
import type { AcceptedMessageResponse } from '../messages/message.response';
import { renderOrRefuse } from './template-refusals';
import { templateRecipient } from './template-recipient';
import { PreviewTemplateContentDto, PreviewTemplateDto, TestTemplateDto } from './template.dto';
import { RenderedTemplateResponse, TemplateContentPreviewResponse } from './template.response';
import { TemplatesService } from './templates.service';

// A test is the author's own mail: no pixel or tracked links to count.
const UNTRACKED = { trackingOpens: false, trackingClicks: false };

/**
 * A template's content as a send renders it, before anything is sent: previews of the saved
 * template or of what the editor holds, and a test mail. All render with the engine, sandbox,
 * limits and strictness of a real send (libs/templating).
 */
@Injectable()
export class TemplateContentService {
  constructor(
    private readonly config: AppConfig,
    private readonly templates: TemplatesService,
    private readonly resolver: TemplateResolver,
    private readonly integrations: IntegrationsRepository,
    private readonly accepted: AcceptedMessagesWriter,
    private readonly audit: AuditLog,
  ) {}

  /** The saved template (its latest version or the one named); 422 naming the field and line when it cannot be rendered. */
  async preview(workspaceId: WorkspaceId, id: string, dto: PreviewTemplateDto): Promise<RenderedTemplateResponse> {
    const version = await this.compiled(workspaceId, id, dto.version);
    return this.render(version, this.scope(dto.data, templateRecipient(dto.to)));
  }

  /** Unsaved content: every field's problem with its line, and the fields that have none rendered. */
  previewContent(dto: PreviewTemplateContentDto): TemplateContentPreviewResponse {
    const source = { subject: dto.subject, html: dto.html ?? null, text: dto.text ?? null };
    const scope = this.scope(dto.data, templateRecipient(dto.to));
    const { rendered, problems } = previewMailTemplates(source, scope, { strict: dto.strict ?? false });
    return { ...rendered, errors: problems.map((problem) => TemplateProblemResponse.from(problem)) };
  }

  /** The template rendered with `data` for the address `to`, sent there through the transactional integration, subject marked as a test. */
  async sendTest(workspaceId: WorkspaceId, principal: Principal, id: string, dto: TestTemplateDto): Promise<AcceptedMessageResponse> {
    const version = await this.compiled(workspaceId, id, dto.version);
    const rendered = this.render(version, this.scope(dto.data, templateRecipient(dto.to)));
    const integration = await this.integrations.findByUsage(workspaceId, 'transactional');
    if (!integration) {
      throw new UnprocessableEntityException([
        'no integration of this workspace serves transactional mail; set usage.transactional on one',
      ]);
    }
    const row = draftMessage(
      {
        type: 'transactional',
        to: [dto.to],
        subject: `[Test] ${rendered.subject}`,
        html: rendered.html ?? undefined,
        text: rendered.text ?? undefined,
        tags: ['template-test'],
        metadata: { templateId: id, templateVersion: version.version },
      },
      { workspace: UNTRACKED, integration },
    );
    await this.accepted.write(workspaceId, row);
    await this.audit.record(workspaceId, principal, 'template.test_sent', `template:${id}`, {
      key: version.key,
      version: version.version,
      to: dto.to,
      messageId: row.id,
    });
    return { id: row.id, status: 'queued' };
  }

  private async compiled(workspaceId: WorkspaceId, id: string, version?: number): Promise<CompiledTemplateVersion> {
    const template = await this.templates.find(workspaceId, id);
    const source =
      version === undefined ? template : { ...(await this.templates.findVersion(workspaceId, id, version)), id, key: template.key };
    return renderOrRefuse(source, () => this.resolver.compile(source));
  }

  private render(version: CompiledTemplateVersion, scope: MessageTemplateScope): RenderedMail {
    return renderOrRefuse(version, () => renderMailTemplates(version.templates, scope, { strict: version.strict }));
  }

  /**
   * The unsubscribe link of a preview or test belongs to no message, so it unsubscribes nobody (as
   * a broadcast's preview): a template written for marketing mail shows where its link goes.
   */
  private scope(data: Record<string, unknown> | undefined, to: MessageTemplateScope['to']): MessageTemplateScope {
    return { data: data ?? {}, to, unsubscribe_url: `${this.config.PUBLIC_BASE_URL}/u/preview` };
  }
}

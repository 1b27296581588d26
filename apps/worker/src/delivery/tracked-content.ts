import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MessageEntity } from '@app/database';
import { ContactsRepository } from '@app/marketing';
import { MessageEventsRepository, MessageLinksRepository } from '@app/messages';
import { contactTemplateContext, renderMailTemplates } from '@app/templating';
import { trustedWorkspaceId } from '@app/workspace-id';
import { listUnsubscribeHeaders, rewriteHtml, TrackingLinkBuilder, TrackingLinks } from '@app/tracking';
import { BroadcastSnapshots } from '../broadcasts/broadcast-snapshots';

export interface MailContent {
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
}

/**
 * The body as it goes out: a broadcast's templates rendered for its contact, links routed
 * through the click tracker, the open pixel appended, and for marketing mail the RFC 8058
 * one-click unsubscribe headers. The text part is sent as written (or rendered). The original
 * link targets are stored so click tokens never need to carry a URL. A body too large to rewrite
 * goes out as written, and a `tracking_skipped` event on the message says why.
 */
@Injectable()
export class TrackedContent {
  constructor(
    private readonly config: AppConfig,
    private readonly trackingLinks: TrackingLinks,
    private readonly links: MessageLinksRepository,
    private readonly events: MessageEventsRepository,
    private readonly broadcasts: BroadcastSnapshots,
    private readonly contacts: ContactsRepository,
  ) {}

  async build(message: MessageEntity): Promise<MailContent> {
    const marketing = message.type === 'marketing';
    if (!marketing && !(message.html !== null && (message.trackingOpens || message.trackingClicks))) {
      return { html: message.html, text: message.text, headers: {} };
    }
    const url = (await this.trackingLinks.forWorkspace(message.workspaceId))(message.id);
    const body = await this.personalised(message, url);
    let html = body.html;
    if (html !== null && (message.trackingOpens || message.trackingClicks)) {
      const rewritten = rewriteHtml(html, {
        opens: message.trackingOpens,
        clicks: message.trackingClicks,
        clickUrl: (index) => url('click', index),
        pixelUrl: url('open'),
        publicBaseUrl: this.config.PUBLIC_BASE_URL,
        maxHtmlBytes: this.config.TRACKING_MAX_HTML_BYTES,
      });
      html = rewritten.html;
      await this.links.save(trustedWorkspaceId(message.workspaceId), message.id, rewritten.links);
      if (rewritten.skipped) {
        await this.events.insertMany([
          { workspaceId: message.workspaceId, messageId: message.id, type: 'tracking_skipped', detail: rewritten.skipped },
        ]);
      }
    }
    const headers: Record<string, string> = marketing ? { ...listUnsubscribeHeaders(url('unsubscribe')) } : {};
    return { html, text: body.text, headers };
  }

  private async personalised(message: MessageEntity, url: TrackingLinkBuilder): Promise<{ html: string | null; text: string | null }> {
    if (!message.broadcastId) return { html: message.html, text: message.text };
    const { templates } = await this.broadcasts.get(message.workspaceId, message.broadcastId);
    const contact = message.contactId ? await this.contacts.findById(trustedWorkspaceId(message.workspaceId), message.contactId) : null;
    if (!templates) return { html: message.html, text: message.text };
    const fallback = { email: message.to[0]!.email, firstName: null, lastName: null, attributes: {} };
    const rendered = renderMailTemplates(
      templates,
      contactTemplateContext(contact ?? fallback, () => url('unsubscribe')),
    );
    return { html: rendered.html, text: rendered.text };
  }
}

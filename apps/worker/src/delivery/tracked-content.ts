import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { MessageEntity } from '@app/database';
import { MessageLinksRepository } from '@app/messages';
import { trustedWorkspaceId } from '@app/tenancy';
import { listUnsubscribeHeaders, rewriteHtml, signTrackingToken, trackingUrl, WorkspaceTrackingKeys } from '@app/tracking';

export interface MailContent {
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
}

/**
 * The body as it goes out: links routed through the click tracker, the open pixel appended,
 * and for marketing mail the RFC 8058 one-click unsubscribe headers. The text part is sent as
 * written. The original link targets are stored so click tokens never need to carry a URL.
 */
@Injectable()
export class TrackedContent {
  constructor(
    private readonly config: AppConfig,
    private readonly keys: WorkspaceTrackingKeys,
    private readonly links: MessageLinksRepository,
  ) {}

  async build(message: MessageEntity): Promise<MailContent> {
    const tracksHtml = message.html !== null && (message.trackingOpens || message.trackingClicks);
    const marketing = message.type === 'marketing';
    if (!tracksHtml && !marketing) return { html: message.html, text: message.text, headers: {} };

    const key = (await this.keys.keyOf(message.workspaceId))!;
    const base = this.config.PUBLIC_BASE_URL;
    const url = (kind: 'open' | 'click' | 'unsubscribe', linkIndex?: number) =>
      trackingUrl(base, kind, signTrackingToken(key, { messageId: message.id, kind, linkIndex }));

    let html = message.html;
    if (tracksHtml) {
      const rewritten = rewriteHtml(message.html!, {
        opens: message.trackingOpens,
        clicks: message.trackingClicks,
        clickUrl: (index) => url('click', index),
        pixelUrl: url('open'),
        publicBaseUrl: base,
      });
      html = rewritten.html;
      await this.links.save(trustedWorkspaceId(message.workspaceId), message.id, rewritten.links);
    }
    const headers: Record<string, string> = marketing ? { ...listUnsubscribeHeaders(url('unsubscribe')) } : {};
    return { html, text: message.text, headers };
  }
}

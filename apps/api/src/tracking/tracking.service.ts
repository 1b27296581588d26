import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { classifyTrackingRequest, parseTrackingToken, truncateIp } from '@app/tracking';
import { TrackedMessage, TrackedMessageCache } from './tracked-message-cache';
import { TrackingEventWriter } from './tracking-event-writer';

export interface TrackingHit {
  token: string;
  method: string;
  userAgent: string | null;
  ip: string | null;
}

const RECENT_CLICKS_KEPT = 50;

/**
 * Verifies tracking tokens and records opens and clicks. A token that does not verify under
 * its workspace's key is treated exactly like an unknown one: nothing recorded, no redirect.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly messages: TrackedMessageCache,
    private readonly events: TrackingEventWriter,
    private readonly config: AppConfig,
  ) {}

  /** True when the open was recorded (the pixel is served either way only for valid tokens). */
  async open(hit: TrackingHit): Promise<boolean> {
    const message = await this.verified(hit.token, 'open');
    if (!message) return false;
    this.record(message, hit, 'open', null, null);
    return true;
  }

  /** The original link to redirect to, or null for a token that is not ours. */
  async click(hit: TrackingHit): Promise<string | null> {
    const parsed = parseTrackingToken(hit.token, 'click');
    const message = await this.verified(hit.token, 'click');
    if (!message || !parsed || parsed.linkIndex === null) return null;
    const links = await this.messages.linksOf(message);
    const url = links[parsed.linkIndex];
    if (url === undefined) return null;
    this.record(message, hit, 'click', parsed.linkIndex, url, links.length);
    return url;
  }

  private async verified(token: string, kind: 'open' | 'click'): Promise<TrackedMessage | null> {
    const parsed = parseTrackingToken(token, kind);
    if (!parsed) return null;
    const message = await this.messages.get(parsed.messageId);
    return message && parsed.verify(message.key) ? message : null;
  }

  private record(message: TrackedMessage, hit: TrackingHit, kind: 'open' | 'click', linkIndex: number | null, url: string | null, linkCount?: number): void {
    const at = new Date();
    const window = this.config.TRACKING_MACHINE_CLICK_WINDOW_MS;
    const verdict = classifyTrackingRequest(
      {
        kind,
        method: hit.method,
        userAgent: hit.userAgent,
        ip: hit.ip,
        at,
        deliveredAt: message.sentAt,
        linkIndex: linkIndex ?? undefined,
        recentClicks: message.recentClicks,
        linkCount,
      },
      { clickAfterDeliveryMs: window, linkScanWindowMs: window },
    );
    if (kind === 'click' && linkIndex !== null) {
      message.recentClicks.push({ at, linkIndex });
      if (message.recentClicks.length > RECENT_CLICKS_KEPT) message.recentClicks.shift();
    }
    this.events.record({
      workspaceId: message.workspaceId,
      messageId: message.id,
      type: kind,
      at,
      url,
      bot: verdict.bot,
      detail: verdict.reason,
      userAgent: hit.userAgent?.slice(0, 500) ?? null,
      ip: truncateIp(hit.ip),
    });
  }
}

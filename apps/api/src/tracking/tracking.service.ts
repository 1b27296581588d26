import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ClassifierOptions, classifyTrackingRequest, truncateIp } from '@app/tracking';
import { andThen, MaybePromise } from './maybe-promise';
import { TrackedMessage, TrackedMessageCache, VerifiedToken } from './tracked-message-cache';
import { TrackingEventWriter } from './tracking-event-writer';

export interface TrackingHit {
  token: string;
  method: string;
  userAgent: string | null;
  ip: string | null;
}

const RECENT_CLICKS_KEPT = 50;

/**
 * Records opens and clicks of tokens that verify (see TrackedMessageCache.verify); anything
 * else records nothing and redirects nowhere.
 */
@Injectable()
export class TrackingService {
  private readonly classifierOptions: ClassifierOptions;

  constructor(
    private readonly messages: TrackedMessageCache,
    private readonly events: TrackingEventWriter,
    config: AppConfig,
  ) {
    const window = config.TRACKING_MACHINE_CLICK_WINDOW_MS;
    this.classifierOptions = { clickAfterDeliveryMs: window, linkScanWindowMs: window };
  }

  /** True when the open was recorded (the pixel is served either way only for valid tokens). */
  open(hit: TrackingHit): MaybePromise<boolean> {
    return andThen(this.messages.verify(hit.token, 'open'), (verified) => {
      if (!verified) return false;
      this.record(verified.message, hit, 'open', null, null);
      return true;
    });
  }

  /** The original link to redirect to, or null for a token that is not ours. */
  click(hit: TrackingHit): MaybePromise<string | null> {
    return andThen(this.messages.verify(hit.token, 'click'), (verified) => this.clickVerified(hit, verified));
  }

  private clickVerified(hit: TrackingHit, verified: VerifiedToken | null): MaybePromise<string | null> {
    if (!verified || verified.linkIndex === null) return null;
    const { message, linkIndex } = verified;
    return andThen(this.messages.linksOf(message), (links) => {
      const url = links[linkIndex];
      if (url === undefined || url === null) return null;
      this.record(message, hit, 'click', linkIndex, url, links.length);
      return url;
    });
  }

  private record(
    message: TrackedMessage,
    hit: TrackingHit,
    kind: 'open' | 'click',
    linkIndex: number | null,
    url: string | null,
    linkCount?: number,
  ): void {
    const at = new Date();
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
      this.classifierOptions,
    );
    if (kind === 'click' && linkIndex !== null) {
      message.recentClicks.push({ at, linkIndex });
      if (message.recentClicks.length > RECENT_CLICKS_KEPT) message.recentClicks.shift();
    }
    this.events.record({
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
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

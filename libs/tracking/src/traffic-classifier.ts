import { LRUCache } from 'lru-cache';
import { APPLE_PRIVACY_PROXY_USER_AGENT, MICROSOFT_MAIL_NETWORKS, USER_AGENT_SIGNATURES, type MachineReason } from './machine-signatures';
import { NetworkList } from './network-list';

export interface TrackingRequest {
  kind: 'open' | 'click';
  method: string;
  userAgent: string | null | undefined;
  ip: string | null | undefined;
  at: Date;
  /** When the SMTP server accepted the message; null if not known yet. */
  deliveredAt: Date | null;
  /** The link this click is for. */
  linkIndex?: number;
  /** Earlier clicks on the same message; only those within the scan window matter. */
  recentClicks?: { at: Date; linkIndex: number }[];
  /** How many tracked links the message has. */
  linkCount?: number;
}

export interface ClassifierOptions {
  /** A click sooner than this after delivery is a gateway scan, not a reader. */
  clickAfterDeliveryMs?: number;
  /** Every link of a message clicked within this span is a link scanner walking the mail. */
  linkScanWindowMs?: number;
}

export interface Classification {
  bot: boolean;
  reason: MachineReason | null;
}

/*
 * Senders' click-log audits find gateway scanners clicking within seconds of delivery and
 * clicking every link of a mail together, with Defender's sandbox finishing within ten seconds.
 * A reader needs longer to get the notification, open the mail and choose a link.
 */
const DEFAULT_CLICK_AFTER_DELIVERY_MS = 10_000;
const DEFAULT_LINK_SCAN_WINDOW_MS = 10_000;

const microsoftMailNetworks = new NetworkList(MICROSOFT_MAIL_NETWORKS);

/**
 * Real traffic repeats a few user agents (each proxy, each mail client build) over and over, so
 * each string is run through the signature patterns once. Bounded by total length as well, since
 * a header can be long and the strings come from anyone.
 */
const signaturesByUserAgent = new LRUCache<string, MachineReason | false>({
  max: 10_000,
  maxSize: 2_000_000,
  sizeCalculation: (_reason, userAgent) => userAgent.length || 1,
});

function signatureOf(userAgent: string): MachineReason | false {
  let reason = signaturesByUserAgent.get(userAgent);
  if (reason === undefined) {
    reason = USER_AGENT_SIGNATURES.find(({ pattern }) => pattern.test(userAgent))?.reason ?? false;
    signaturesByUserAgent.set(userAgent, reason);
  }
  return reason;
}

const HUMAN: Classification = { bot: false, reason: null };
const machine = (reason: MachineReason): Classification => ({ bot: true, reason });

/**
 * Labels an open or click as machine traffic (image proxies, privacy prefetch, security
 * scanners, link previews) so reports count people. The request is served either way.
 */
export function classifyTrackingRequest(request: TrackingRequest, options: ClassifierOptions = {}): Classification {
  if (request.method.toUpperCase() === 'HEAD') return machine('head-request');

  const userAgent = request.userAgent?.trim() ?? '';
  if (userAgent === '') return machine('missing-user-agent');
  if (userAgent === APPLE_PRIVACY_PROXY_USER_AGENT) {
    return machine(request.kind === 'open' ? 'apple-mail-privacy-protection' : 'bare-user-agent');
  }
  const signature = signatureOf(userAgent);
  if (signature) return machine(signature);

  if (request.kind === 'open') return HUMAN;
  if (request.ip && microsoftMailNetworks.contains(request.ip)) return machine('microsoft-safe-links');

  const clickAfterDeliveryMs = options.clickAfterDeliveryMs ?? DEFAULT_CLICK_AFTER_DELIVERY_MS;
  // A negative gap counts too: the recipient's gateway may click before our worker has
  // recorded the SMTP server's acceptance.
  if (request.deliveredAt && request.at.getTime() - request.deliveredAt.getTime() < clickAfterDeliveryMs) {
    return machine('click-right-after-delivery');
  }
  if (clickedEveryLink(request, options.linkScanWindowMs ?? DEFAULT_LINK_SCAN_WINDOW_MS)) {
    return machine('all-links-clicked');
  }
  return HUMAN;
}

/** A message with a single link is excluded: one click on it says nothing about scanning. */
function clickedEveryLink(request: TrackingRequest, windowMs: number): boolean {
  const linkCount = request.linkCount ?? 0;
  if (linkCount < 2 || request.linkIndex === undefined) return false;
  const now = request.at.getTime();
  const since = now - windowMs;
  const clicked = new Set([request.linkIndex]);
  for (const click of request.recentClicks ?? []) {
    const at = click.at.getTime();
    if (at >= since && at <= now) clicked.add(click.linkIndex);
    if (clicked.size >= linkCount) return true;
  }
  return false;
}

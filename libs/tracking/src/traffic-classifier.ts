import { BlockList, isIPv4, isIPv6 } from 'node:net';
import {
  APPLE_PRIVACY_PROXY_USER_AGENT,
  MICROSOFT_MAIL_NETWORKS,
  USER_AGENT_SIGNATURES,
  type MachineReason,
} from './machine-signatures';

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

const microsoftMailNetworks = new BlockList();
for (const [address, prefix] of MICROSOFT_MAIL_NETWORKS) {
  microsoftMailNetworks.addSubnet(address, prefix, isIPv4(address) ? 'ipv4' : 'ipv6');
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
  const signature = USER_AGENT_SIGNATURES.find(({ pattern }) => pattern.test(userAgent));
  if (signature) return machine(signature.reason);

  if (request.kind === 'open') return HUMAN;
  if (isInMicrosoftMailNetwork(request.ip)) return machine('microsoft-safe-links');

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

function isInMicrosoftMailNetwork(ip: string | null | undefined): boolean {
  if (!ip) return false;
  if (isIPv4(ip)) return microsoftMailNetworks.check(ip, 'ipv4');
  return isIPv6(ip) && microsoftMailNetworks.check(ip, 'ipv6');
}

/** A message with a single link is excluded: one click on it says nothing about scanning. */
function clickedEveryLink(request: TrackingRequest, windowMs: number): boolean {
  const linkCount = request.linkCount ?? 0;
  if (linkCount < 2 || request.linkIndex === undefined) return false;
  const since = request.at.getTime() - windowMs;
  const clicked = new Set([request.linkIndex]);
  for (const click of request.recentClicks ?? []) {
    const at = click.at.getTime();
    if (at >= since && at <= request.at.getTime()) clicked.add(click.linkIndex);
  }
  return clicked.size >= linkCount;
}

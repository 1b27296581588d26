// Open and click tracking: signed tokens, link rewriting, the pixel, bot classification and workspace signing keys.
export { MAX_TRACKED_LINK_LENGTH, rewriteHtml, type RewriteOptions, type RewriteResult } from './html-link-rewriter';
export { OPT_OUT_ATTRIBUTE, redirectableUrl } from './link-policy';
export { OPEN_PIXEL_CONTENT_TYPE, OPEN_PIXEL_GIF } from './open-pixel';
export {
  MAX_LINK_INDEX,
  parseTrackingToken,
  signTrackingToken,
  type ParsedTrackingToken,
  type TrackingKind,
  type TrackingTokenClaims,
} from './tracking-token';
export { trackingUrl } from './tracking-urls';
export { classifyTrackingRequest, type Classification, type ClassifierOptions, type TrackingRequest } from './traffic-classifier';
export type { MachineReason } from './machine-signatures';
export { truncateIp } from './ip-truncation';
export { listUnsubscribeHeaders, type ListUnsubscribeHeaders } from './list-unsubscribe';
export { TrackingLinks, type TrackingLinkBuilder } from './tracking-links';
export { TrackingModule } from './tracking.module';
export { WorkspaceTrackingKeys } from './workspace-tracking-keys.service';

import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { signTrackingToken, TrackingKind } from './tracking-token';
import { trackingUrl } from './tracking-urls';
import { WorkspaceTrackingKeys } from './workspace-tracking-keys.service';

export type TrackingLinkBuilder = (kind: TrackingKind, linkIndex?: number) => string;

/**
 * Signed tracking and unsubscribe URLs of one message, under its workspace's key: the worker's for
 * the links it rewrites, the API's for a stored template's `unsubscribe_url` rendered when a send is accepted.
 */
@Injectable()
export class TrackingLinks {
  constructor(
    private readonly config: AppConfig,
    private readonly keys: WorkspaceTrackingKeys,
  ) {}

  async forWorkspace(workspaceId: string): Promise<(messageId: string) => TrackingLinkBuilder> {
    const key = await this.keys.keyOf(workspaceId);
    if (!key) throw new Error(`workspace ${workspaceId} no longer exists`);
    return (messageId) => (kind, linkIndex) =>
      trackingUrl(this.config.PUBLIC_BASE_URL, kind, signTrackingToken(key, { messageId, kind, linkIndex }));
  }
}

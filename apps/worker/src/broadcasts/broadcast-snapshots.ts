import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { BroadcastStatus } from '@app/database';
import { BroadcastsRepository } from '@app/marketing';
import { CompiledMailTemplates, compileMailTemplates } from '@app/templating';
import { trustedWorkspaceId } from '@app/workspace-id';

export interface BroadcastSnapshot {
  status: BroadcastStatus | null;
  templates: CompiledMailTemplates | null;
}

// A pause or cancel reaches every worker within this long; it bounds the reads per broadcast too.
const STATUS_TTL_MS = 1000;
/** How often deliveries of a paused (or not yet started) broadcast look again whether they may go. */
export const PAUSED_RECHECK_MS = 2000;

/** True while a broadcast's deliveries have to wait: it is paused, or its time has not come. */
export function isOnHold(status: BroadcastStatus | null): boolean {
  return status === 'paused' || status === 'scheduled';
}

/**
 * What deliveries of a broadcast need to know about it: whether it may send now, and its
 * compiled templates. Templates never change once a broadcast is sent, so they are compiled
 * once per process; the status is re-read at most once a second.
 */
@Injectable()
export class BroadcastSnapshots {
  private readonly statuses = new LRUCache<string, { status: BroadcastStatus | null }>({ max: 1000, ttl: STATUS_TTL_MS });
  private readonly templates = new LRUCache<string, CompiledMailTemplates>({ max: 200 });

  constructor(private readonly broadcasts: BroadcastsRepository) {}

  async get(workspaceId: string, broadcastId: string): Promise<BroadcastSnapshot> {
    const status = this.statuses.get(broadcastId);
    const templates = this.templates.get(broadcastId);
    if (status && templates) return { status: status.status, templates };
    const broadcast = await this.broadcasts.findById(trustedWorkspaceId(workspaceId), broadcastId);
    this.statuses.set(broadcastId, { status: broadcast?.status ?? null });
    if (!broadcast) return { status: null, templates: null };
    const compiled = templates ?? compileMailTemplates(broadcast);
    this.templates.set(broadcastId, compiled);
    return { status: broadcast.status, templates: compiled };
  }
}

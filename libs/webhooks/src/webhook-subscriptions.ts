import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { WebhookEventType } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import { trustedWorkspaceId } from '@app/workspace-id';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

const ALL = '*';

const takes = (types: ReadonlySet<string>, type: WebhookEventType) => types.has(ALL) || types.has(type);

/**
 * Which event types each workspace's enabled endpoints take, kept in memory: the writers of
 * sends, opens and clicks ask for every event, and a workspace without webhooks must cost them
 * nothing but this lookup. Any change to an endpoint drops the workspace's entry in every process.
 */
@Injectable()
export class WebhookSubscriptions {
  private readonly cache = new LRUCache<string, ReadonlySet<string>>({ max: 10_000, ttl: 30_000 });
  private readonly loading = new Map<string, Promise<ReadonlySet<string>>>();

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.on('webhook-endpoint', (workspaceId) => this.cache.delete(workspaceId));
    // Changes may have been missed while the subscription was down.
    invalidation.onMissed(() => this.cache.clear());
  }

  /** Whether any enabled endpoint of the workspace takes `type`; answered at once when the workspace is known. */
  wants(workspaceId: string, type: WebhookEventType): boolean | Promise<boolean> {
    const known = this.cache.get(workspaceId);
    if (known) return takes(known, type);
    return this.load(workspaceId).then((types) => takes(types, type));
  }

  /** The events some enabled endpoint of their workspace takes; only workspaces not known yet cost a query. */
  async filter<E extends { workspaceId: string; type: WebhookEventType }>(events: E[]): Promise<E[]> {
    const types = new Map<string, ReadonlySet<string>>();
    for (const { workspaceId } of events) {
      if (!types.has(workspaceId)) types.set(workspaceId, this.cache.get(workspaceId) ?? (await this.load(workspaceId)));
    }
    return events.filter((event) => takes(types.get(event.workspaceId)!, event.type));
  }

  /** Call after a change to an endpoint of the workspace is committed. */
  changed(workspaceId: string): Promise<void> {
    return this.invalidation.publish('webhook-endpoint', workspaceId);
  }

  private load(workspaceId: string): Promise<ReadonlySet<string>> {
    let loading = this.loading.get(workspaceId);
    if (!loading) {
      loading = this.endpoints
        .subscribedTypes(trustedWorkspaceId(workspaceId))
        .then((types) => {
          const set = new Set(types);
          this.cache.set(workspaceId, set);
          return set;
        })
        .finally(() => this.loading.delete(workspaceId));
      this.loading.set(workspaceId, loading);
    }
    return loading;
  }
}

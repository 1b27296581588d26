import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { CacheInvalidation } from '@app/redis';
import { WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';

export interface WorkspaceSettings {
  trackingOpens: boolean;
  trackingClicks: boolean;
}

/** The workspace defaults every send needs, kept in memory; a PATCH drops them in every process. */
@Injectable()
export class WorkspaceSettingsCache {
  private readonly cache = new LRUCache<string, WorkspaceSettings>({ max: 10_000, ttl: 30_000 });

  constructor(
    private readonly workspaces: WorkspacesRepository,
    invalidation: CacheInvalidation,
  ) {
    invalidation.on('workspace', (workspaceId) => this.cache.delete(workspaceId));
  }

  async get(workspaceId: WorkspaceId): Promise<WorkspaceSettings> {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const workspace = await this.workspaces.get(workspaceId);
    const settings = { trackingOpens: workspace.trackingOpens, trackingClicks: workspace.trackingClicks };
    this.cache.set(workspaceId, settings);
    return settings;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { IntegrationEntity, IntegrationState, SenderEntity, storableText } from '@app/database';
import { CacheInvalidation } from '@app/redis';
import { WorkspaceId } from '@app/workspace-id';
import type { OwnIntegration, SharedIntegration } from './shared-integration';

export type Usage = 'transactional' | 'marketing';

export interface IntegrationStatusUpdate {
  state: IntegrationState;
  lastError: string | null;
  hint: string | null;
}

// Every change is published to all processes at once; this only bounds a missed message.
const CACHE_TTL_MS = 5_000;

/**
 * Every query names the workspace first: an integration is only ever found inside its own.
 * Sending reads integrations for every message, so `cached*` reads keep a read-only copy for a
 * few seconds; every write here (or `changed` after a transaction) drops the workspace's copies
 * in every process.
 */
@Injectable()
export class IntegrationsRepository {
  private readonly cache = new LRUCache<string, SharedIntegration | false>({ max: 10_000, ttl: CACHE_TTL_MS });

  constructor(
    @InjectRepository(IntegrationEntity) private readonly integrations: Repository<IntegrationEntity>,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.on('integration', (workspaceId) => {
      for (const key of this.cache.keys()) if (key.startsWith(`${workspaceId}:`)) this.cache.delete(key);
    });
  }

  findById(workspaceId: WorkspaceId, id: string): Promise<IntegrationEntity | null> {
    return this.withSenders().where('i.workspace_id = :workspaceId AND i.id = :id', { workspaceId, id }).getOne();
  }

  list(workspaceId: WorkspaceId): Promise<IntegrationEntity[]> {
    return this.withSenders().where('i.workspace_id = :workspaceId', { workspaceId }).addOrderBy('i.created_at', 'ASC').getMany();
  }

  findByUsage(workspaceId: WorkspaceId, usage: Usage): Promise<IntegrationEntity | null> {
    const column = usage === 'transactional' ? 'i.usage_transactional' : 'i.usage_marketing';
    return this.withSenders().where(`i.workspace_id = :workspaceId AND ${column}`, { workspaceId }).getOne();
  }

  /** For the sending hot path only: a copy shared by every caller. */
  cachedById(workspaceId: WorkspaceId, id: string): Promise<SharedIntegration | null> {
    return this.cached(`${workspaceId}:id:${id}`, () => this.findById(workspaceId, id));
  }

  /** For the sending hot path only: a copy shared by every caller. */
  cachedByUsage(workspaceId: WorkspaceId, usage: Usage): Promise<SharedIntegration | null> {
    return this.cached(`${workspaceId}:usage:${usage}`, () => this.findByUsage(workspaceId, usage));
  }

  save(
    workspaceId: WorkspaceId,
    integration: OwnIntegration,
    manager: EntityManager = this.integrations.manager,
  ): Promise<IntegrationEntity> {
    integration.workspaceId = workspaceId;
    return manager.save(IntegrationEntity, integration);
  }

  /** Before saving an integration with a new list of senders, in the same transaction. */
  async removeSenders(workspaceId: WorkspaceId, integrationId: string, manager: EntityManager): Promise<void> {
    await manager.delete(SenderEntity, { workspaceId, integrationId });
  }

  /** Call after a transaction that saved integrations commits, so no process caches the old rows. */
  changed(workspaceId: WorkspaceId): Promise<void> {
    return this.invalidation.publish('integration', workspaceId);
  }

  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.integrations.delete({ workspaceId, id });
    await this.changed(workspaceId);
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records the outcome of a check (a test, a delivery, a connect) in `manager`'s transaction;
   * answers the integration's name and the state it had before, read under the row's lock, so of
   * two checks that move it at once only one sees the state change. Null when there is no such
   * integration. Call `changed` once the transaction commits.
   */
  async updateStatus(
    workspaceId: WorkspaceId,
    id: string,
    status: IntegrationStatusUpdate,
    manager: EntityManager,
  ): Promise<{ name: string; previousState: IntegrationState } | null> {
    const [rows] = (await manager.query(
      `UPDATE "public"."integrations" i SET status_state = $3, status_last_error = $4, status_hint = $5, status_checked_at = now(), updated_at = now()
       FROM (SELECT id, status_state FROM "public"."integrations" WHERE workspace_id = $1 AND id = $2 FOR UPDATE) before
       WHERE i.id = before.id
       RETURNING i.name, before.status_state AS "previousState"`,
      [workspaceId, id, status.state, storableText(status.lastError), storableText(status.hint)],
    )) as [Array<{ name: string; previousState: IntegrationState }>, number];
    return rows[0] ?? null;
  }

  /**
   * Stores a rotated or newly consented refresh token, only if the credentials are still the ones
   * the token was obtained with (a concurrent edit wins over a late rotation).
   */
  async saveRefreshToken(
    workspaceId: WorkspaceId,
    id: string,
    credentialsVersion: number,
    refreshTokenEncrypted: string,
  ): Promise<boolean> {
    const result = await this.integrations.update({ workspaceId, id, credentialsVersion }, { refreshTokenEncrypted });
    await this.changed(workspaceId);
    return (result.affected ?? 0) > 0;
  }

  private withSenders(): SelectQueryBuilder<IntegrationEntity> {
    // One statement: find options with relations and order make TypeORM add a second DISTINCT query.
    return this.integrations.createQueryBuilder('i').leftJoinAndSelect('i.senders', 's').orderBy('s.position', 'ASC');
  }

  /** The one place a loaded integration becomes the shared copy. */
  private async cached(key: string, load: () => Promise<IntegrationEntity | null>): Promise<SharedIntegration | null> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit || null;
    const loaded = (await load()) as SharedIntegration | null;
    this.cache.set(key, loaded ?? false);
    return loaded;
  }
}

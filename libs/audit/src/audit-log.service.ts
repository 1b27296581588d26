import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ApiKeyEntity } from '@app/database';
import type { Principal } from '@app/tenancy';
import type { WorkspaceId } from '@app/workspace-id';
import { OPERATOR_TOKEN_ACTOR, type AuditActor } from './audit-actor';
import type { AuditAction } from './audit-actions';
import { AuditEventsRepository } from './audit-events.repository';

/**
 * Who did what, appended as it happens. `details` carry names and ids only: callers never pass
 * a key, a secret, a password or a token, and nothing here reads one.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly events: AuditEventsRepository,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
  ) {}

  /**
   * `workspaceId` null writes to the operator-level log. Pass the transaction's `manager` when
   * what is recorded is not committed yet (the row it names would not be visible otherwise).
   */
  async record(
    workspaceId: WorkspaceId | null,
    principal: Principal,
    action: AuditAction,
    target: string | null,
    details: Record<string, unknown> = {},
    manager?: EntityManager,
  ): Promise<void> {
    await this.recordAs(workspaceId, await this.actorOf(principal), action, target, details, manager);
  }

  /** For an action completed later on behalf of someone, e.g. the OAuth callback of a connect they started. */
  async recordAs(
    workspaceId: WorkspaceId | null,
    actor: AuditActor,
    action: AuditAction,
    target: string | null,
    details: Record<string, unknown> = {},
    manager?: EntityManager,
  ): Promise<void> {
    // Milliseconds, like a JS Date, so keyset cursors built from `at` are exact.
    const at = new Date();
    await this.events.insert(
      workspaceId,
      { at, actorType: actor.type, actorId: actor.id, actorLabel: actor.label, action, target, details },
      manager,
    );
  }

  async actorOf(principal: Principal): Promise<AuditActor> {
    switch (principal.kind) {
      case 'platform':
        return OPERATOR_TOKEN_ACTOR;
      case 'user':
        return { type: 'user', id: principal.userId, label: principal.email };
      case 'api-key': {
        // Revoked keys keep their row, so an old event still names its key.
        const key = await this.keys.findOne({ where: { id: principal.keyId }, select: { name: true, prefix: true } });
        return { type: 'api_key', id: principal.keyId, label: key ? `${key.name} (${key.prefix}…)` : 'API key' };
      }
    }
  }
}

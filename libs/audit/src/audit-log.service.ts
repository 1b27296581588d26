import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
  constructor(private readonly events: AuditEventsRepository) {}

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
    await this.recordAs(workspaceId, this.actorOf(principal), action, target, details, manager);
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

  actorOf(principal: Principal): AuditActor {
    switch (principal.kind) {
      case 'platform':
        return OPERATOR_TOKEN_ACTOR;
      case 'user':
        return { type: 'user', id: principal.userId, label: principal.email };
      case 'api-key':
        return { type: 'api_key', id: principal.keyId, label: principal.label };
    }
  }
}

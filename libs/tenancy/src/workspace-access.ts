import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeyScope } from '@app/database';
import { isUuid, trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';
import { Principal } from './principal';

/** What a route asks of its caller, read from its decorators. */
export interface RouteAccess {
  platformOnly: boolean;
  requiredScope: ApiKeyScope;
}

/**
 * May this principal use this route, in this workspace? 403 for a caller who is known but lacks
 * the right, 404 for any workspace the caller cannot see (indistinguishable from one that does not exist).
 */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly workspaces: WorkspacesRepository) {}

  /** The workspace the route acts in, once access is granted; undefined for routes without `{ws}`. */
  async check(principal: Principal, route: RouteAccess, ws: string | undefined): Promise<WorkspaceId | undefined> {
    // Until roles apply, an operator signs in to what the platform token does, and nobody else to any workspace.
    const operator = principal.kind === 'platform' || (principal.kind === 'user' && principal.isOperator);
    if (route.platformOnly && !operator) {
      throw new ForbiddenException('This endpoint needs the platform admin token, not a workspace API key');
    }
    if (ws === undefined) return undefined;
    if (!isUuid(ws)) throw new NotFoundException(`Workspace ${ws} not found`);

    if (principal.kind === 'api-key') {
      if (principal.workspaceId !== ws) throw new NotFoundException(`Workspace ${ws} not found`);
      if (!principal.scopes.includes('admin') && !principal.scopes.includes(route.requiredScope)) {
        throw new ForbiddenException(
          `This API key has the scope ${principal.scopes.join(', ')}; this endpoint needs ${route.requiredScope}`,
        );
      }
    } else if (!operator || !(await this.workspaces.exists(ws))) {
      throw new NotFoundException(`Workspace ${ws} not found`);
    }
    return trustedWorkspaceId(ws);
  }
}

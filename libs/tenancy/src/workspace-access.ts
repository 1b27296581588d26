import { ForbiddenException, Injectable, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { WorkspaceMembersRepository } from '@app/accounts';
import { isUuid, trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';
import { Principal } from './principal';
import { ROUTE_PERMISSIONS, RoutePermission } from './route-permissions';

/** What a route asks of its caller: read from its decorator, and its line of the permission table. */
export interface RouteAccess {
  platformOnly: boolean;
  /** `METHOD /path` as ROUTE_PERMISSIONS spells it (see operationOf). */
  operation: string;
}

type Person = Extract<Principal, { kind: 'user' }>;

/** The platform token, or a person who runs the deployment: every workspace, every route. */
export function isOperator(principal: Principal): boolean {
  return principal.kind === 'platform' || (principal.kind === 'user' && principal.isOperator);
}

/**
 * May this principal use this route, in this workspace? 403 for a caller who is known but lacks
 * the right, 404 for any workspace the caller cannot see (indistinguishable from one that does not exist).
 */
@Injectable()
export class WorkspaceAccess {
  constructor(
    private readonly workspaces: WorkspacesRepository,
    private readonly members: WorkspaceMembersRepository,
  ) {}

  /** The workspace the route acts in, once access is granted; undefined for routes without `{ws}`. */
  async check(principal: Principal, route: RouteAccess, ws: string | undefined): Promise<WorkspaceId | undefined> {
    if (route.platformOnly && !isOperator(principal)) {
      throw new ForbiddenException(
        principal.kind === 'api-key'
          ? 'This endpoint needs the platform admin token, not a workspace API key'
          : 'This endpoint is for operators: the platform admin token or a person with operator rights',
      );
    }
    if (ws === undefined) return undefined;
    if (!isUuid(ws)) throw this.notFound(ws);
    const permission = ROUTE_PERMISSIONS[route.operation];
    // Closed, and loudly: a route nobody decided about is a bug, not a caller without rights.
    if (!permission) throw new InternalServerErrorException(`${route.operation} has no line in the permission table`);

    if (principal.kind === 'api-key') this.checkKey(principal, permission, ws);
    else if (principal.kind === 'user') await this.checkPerson(principal, permission, ws);
    else if (!(await this.workspaces.exists(ws))) throw this.notFound(ws);
    return trustedWorkspaceId(ws);
  }

  private checkKey(key: Extract<Principal, { kind: 'api-key' }>, permission: RoutePermission, ws: string): void {
    if (key.workspaceId !== ws) throw this.notFound(ws);
    if (permission.apiKeyScope === null) {
      throw new ForbiddenException(
        'API keys cannot manage or list the people of a workspace, so that a leaked key cannot add a person: ' +
          'sign in to the dashboard, or use the platform admin token',
      );
    }
    if (!key.scopes.includes('admin') && !key.scopes.includes(permission.apiKeyScope)) {
      throw new ForbiddenException(`This API key has the scope ${key.scopes.join(', ')}; this endpoint needs ${permission.apiKeyScope}`);
    }
  }

  private async checkPerson(person: Person, permission: RoutePermission, ws: string): Promise<void> {
    const access = await this.members.accessOf(ws, person.userId);
    if (!access || (access.role === null && !person.isOperator)) throw this.notFound(ws);
    if (access.requireTotp && !access.hasSecondFactor) {
      throw new ForbiddenException(
        'This workspace requires a second factor: enable one at POST /v1/auth/totp (then confirm it at POST /v1/auth/totp/confirm)',
      );
    }
    if (person.isOperator || permission.roles.includes(access.role!)) return;
    throw new ForbiddenException(`Your role in this workspace is ${access.role}; this endpoint needs ${permission.roles.join(' or ')}`);
  }

  private notFound(ws: string): NotFoundException {
    return new NotFoundException(`Workspace ${ws} not found`);
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DASHBOARD_FORM, PLATFORM_ONLY, PUBLIC_ROUTE } from './access.decorators';
import { DashboardOrigin } from './dashboard-origin';
import type { GuardedRequest, GuardedResponse } from './guarded-request';
import { RequestAuthenticator } from './request-authenticator';
import { operationOf } from './route-permissions';
import { WorkspaceAccess } from './workspace-access';

/**
 * Every route is closed unless it says it is public: the caller is authenticated once per request
 * (401 without valid credentials), then the route's line in ROUTE_PERMISSIONS decides (403 / 404).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly access: WorkspaceAccess,
    private readonly dashboard: DashboardOrigin,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(DASHBOARD_FORM, targets)) this.dashboard.checkForm(request);
      return true;
    }

    const principal = await this.authenticator.authenticate(request, http.getResponse<GuardedResponse>());
    request.principal = principal;
    request.workspaceId = await this.access.check(
      principal,
      {
        platformOnly: this.reflector.getAllAndOverride<boolean>(PLATFORM_ONLY, targets) ?? false,
        operation: operationOf(request.method, request.route.path),
      },
      request.params.ws,
    );
    return true;
  }
}

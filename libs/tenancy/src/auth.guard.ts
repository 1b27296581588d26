import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/config';
import { constantTimeEqual } from '@app/crypto';
import { ApiKeyScope, WorkspaceEntity } from '@app/database';
import { PLATFORM_ONLY, PUBLIC_ROUTE, REQUIRED_SCOPE } from './access.decorators';
import { API_KEY_PREFIX } from './api-key-secret';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthenticatedRequest, Principal } from './principal';
import { isUuid, trustedWorkspaceId } from '@app/workspace-id';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  /** The client's address, as Express works it out under TRUST_PROXY. */
  ip?: string;
}

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Turns the bearer token into a principal once per request and decides access:
 * 401 without a valid token, 403 for a valid key lacking the scope, 404 for any workspace
 * the caller cannot see (indistinguishable from one that does not exist).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyLookupService,
    private readonly failures: AuthFailureLimiter,
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<HttpResponse>());
    request.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_ONLY, targets) && principal.kind !== 'platform') {
      throw new ForbiddenException('This endpoint needs the platform admin token, not a workspace API key');
    }

    const ws = request.params.ws;
    if (ws === undefined) return true;
    if (!isUuid(ws)) throw new NotFoundException(`Workspace ${ws} not found`);

    if (principal.kind === 'api-key') {
      if (principal.workspaceId !== ws) throw new NotFoundException(`Workspace ${ws} not found`);
      const required = this.reflector.getAllAndOverride<ApiKeyScope>(REQUIRED_SCOPE, targets) ?? 'admin';
      if (!principal.scopes.includes('admin') && !principal.scopes.includes(required)) {
        throw new ForbiddenException(
          `This API key has the scope ${principal.scopes.join(', ')}; this endpoint needs ${required}`,
        );
      }
    } else if (!(await this.workspaces.existsBy({ id: ws }))) {
      throw new NotFoundException(`Workspace ${ws} not found`);
    }
    request.workspaceId = trustedWorkspaceId(ws);
    return true;
  }

  private async authenticate(request: HttpRequest, response: HttpResponse): Promise<Principal> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('Missing bearer token: send Authorization: Bearer <token>');
    const token = match[1]!;

    const principal = await this.principalOf(token);
    if (principal) return principal;
    // Counted only once the token has failed, so a valid one is never refused here.
    const retryAfterSeconds = await this.failures.recordFailure(request.ip ?? 'unknown');
    if (retryAfterSeconds > 0) {
      response.setHeader('Retry-After', String(retryAfterSeconds));
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: `Too many failed authentications from this address; retry in ${retryAfterSeconds} s with a valid token`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    throw new UnauthorizedException(token.startsWith(API_KEY_PREFIX) ? 'Invalid or revoked API key' : 'Invalid bearer token');
  }

  private async principalOf(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await this.apiKeys.findActive(token);
      return key && { kind: 'api-key', keyId: key.id, workspaceId: trustedWorkspaceId(key.workspaceId), scopes: key.scopes };
    }
    return constantTimeEqual(token, this.config.PLATFORM_ADMIN_TOKEN) ? { kind: 'platform' } : null;
  }
}

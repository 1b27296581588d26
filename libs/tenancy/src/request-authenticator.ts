import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { constantTimeEqual } from '@app/crypto';
import { trustedWorkspaceId } from '@app/workspace-id';
import { API_KEY_PREFIX } from './api-key-secret';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import type { GuardedRequest, GuardedResponse } from './guarded-request';
import { Principal } from './principal';

/** Who is calling: the credentials a request carries, turned into a principal, or 401/429. */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyLookupService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async authenticate(request: GuardedRequest, response: GuardedResponse): Promise<Principal> {
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

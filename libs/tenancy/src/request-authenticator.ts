import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { SessionsService, sessionTokenOf } from '@app/accounts';
import { AppConfig } from '@app/config';
import { constantTimeEqual } from '@app/crypto';
import { trustedWorkspaceId } from '@app/workspace-id';
import { API_KEY_PREFIX } from './api-key-secret';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { DashboardOrigin } from './dashboard-origin';
import type { GuardedRequest, GuardedResponse } from './guarded-request';
import { Principal } from './principal';

/**
 * Who is calling: the credentials a request carries, turned into a principal, or 401/429/403.
 * A request with an Authorization header is judged by it alone, any cookie ignored: a page of
 * another site can make a browser send its cookie but never an Authorization header, so bearer
 * requests need no cross-site checks, and a script holding a key is never mistaken for a person.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyLookupService,
    private readonly failures: AuthFailureLimiter,
    private readonly sessions: SessionsService,
    private readonly dashboard: DashboardOrigin,
  ) {}

  async authenticate(request: GuardedRequest, response: GuardedResponse): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined) return this.bearer(header, request, response);
    const cookieHeader = request.headers.cookie;
    const sessionToken = sessionTokenOf(typeof cookieHeader === 'string' ? cookieHeader : undefined);
    if (sessionToken !== undefined) return this.session(sessionToken, request);
    throw new UnauthorizedException(
      'Missing bearer token or session: send Authorization: Bearer <token>, or sign in with POST /v1/auth/login',
    );
  }

  /**
   * Unknown session cookies are not counted as failed authentications: their tokens carry 256
   * random bits, so none is guessed, and a browser holding the cookie of an ended session is no attack.
   */
  private async session(token: string, request: GuardedRequest): Promise<Principal> {
    const session = await this.sessions.resolve(token);
    if (!session) throw new UnauthorizedException('Your session has expired or was ended: sign in again with POST /v1/auth/login');
    this.dashboard.checkSessionRequest(request);
    return {
      kind: 'user',
      userId: session.userId,
      sessionId: session.id,
      email: session.email,
      isOperator: session.isOperator,
      hasSecondFactor: session.totpEnabledAt !== null,
    };
  }

  private async bearer(header: string | string[], request: GuardedRequest, response: GuardedResponse): Promise<Principal> {
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
      return (
        key && {
          kind: 'api-key',
          keyId: key.id,
          workspaceId: trustedWorkspaceId(key.workspaceId),
          scopes: key.scopes,
          label: `${key.name} (${key.prefix}…)`,
        }
      );
    }
    return constantTimeEqual(token, this.config.PLATFORM_ADMIN_TOKEN) ? { kind: 'platform' } : null;
  }
}

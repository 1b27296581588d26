import { createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { AuthenticatedRequest, UserPrincipal } from './principal';

/** The signed-in person; routes about one's own account refuse bearer tokens, which belong to nobody. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'user') {
    throw new ForbiddenException(
      'This endpoint is about a signed-in person: use the session cookie of POST /v1/auth/login, not a bearer token',
    );
  }
  return principal;
});

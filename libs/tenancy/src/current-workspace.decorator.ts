import { createParamDecorator, ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { AuthenticatedRequest } from './principal';

/** The `{ws}` of the route, after the guard has checked the caller may act in it. */
export const CurrentWorkspace = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.workspaceId) throw new InternalServerErrorException('route has no {ws} parameter');
  return request.workspaceId;
});

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Where a request comes from, as far as sign-in cares: the address (under TRUST_PROXY) and the browser. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientInfo => {
  const request = context.switchToHttp().getRequest<Request>();
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip ?? 'unknown', userAgent: typeof userAgent === 'string' ? userAgent : undefined };
});

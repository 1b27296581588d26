import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RedisModule } from '@app/redis';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthGuard } from './auth.guard';
import { RequestAuthenticator } from './request-authenticator';
import { WorkspaceAccess } from './workspace-access';

/** Registers the guard for every route: access is denied unless a route says otherwise. */
@Module({
  imports: [RedisModule],
  providers: [ApiKeyLookupService, AuthFailureLimiter, RequestAuthenticator, WorkspaceAccess, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class TenancyModule {}

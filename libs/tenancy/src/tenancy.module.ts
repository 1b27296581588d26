import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthGuard } from './auth.guard';

/** Registers the guard for every route: access is denied unless a route says otherwise. */
@Global()
@Module({
  providers: [ApiKeyLookupService, AuthFailureLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class TenancyModule {}

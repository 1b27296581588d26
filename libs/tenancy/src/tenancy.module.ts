import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '@app/accounts';
import { RedisModule } from '@app/redis';
import { WorkspacesDataModule } from '@app/workspaces';
import { ApiKeyLookupService } from './api-key-lookup.service';
import { ApiKeysRepository } from './api-keys.repository';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthGuard } from './auth.guard';
import { DashboardOrigin } from './dashboard-origin';
import { RequestAuthenticator } from './request-authenticator';
import { WorkspaceAccess } from './workspace-access';

/** Registers the guard for every route: access is denied unless a route says otherwise. */
@Module({
  imports: [AccountsModule, RedisModule, WorkspacesDataModule],
  providers: [
    ApiKeysRepository,
    ApiKeyLookupService,
    AuthFailureLimiter,
    DashboardOrigin,
    RequestAuthenticator,
    WorkspaceAccess,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiKeysRepository],
})
export class TenancyModule {}

import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { RedisModule } from '@app/redis';
import { WorkspacesDataModule } from '@app/workspaces';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { WorkspacesController } from './workspaces.controller';
import { WorkspaceSettingsCache } from './workspace-settings.cache';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [AccountsModule, AuditModule, ApiKeysModule, RedisModule, WorkspacesDataModule],
  controllers: [WorkspacesController],
  providers: [WorkspacesService, WorkspaceSettingsCache],
  exports: [WorkspaceSettingsCache],
})
export class WorkspacesModule {}

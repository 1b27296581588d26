import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { WorkspacesDataModule } from '@app/workspaces';
import { WorkspaceTrackingKeys } from './workspace-tracking-keys.service';

/** The workspaces' link-signing keys: the worker signs tracking links with them, the API checks them. */
@Module({
  imports: [CryptoModule, WorkspacesDataModule],
  providers: [WorkspaceTrackingKeys],
  exports: [WorkspaceTrackingKeys],
})
export class TrackingModule {}

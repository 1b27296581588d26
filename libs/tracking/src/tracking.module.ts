import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { WorkspacesDataModule } from '@app/workspaces';
import { TrackingLinks } from './tracking-links';
import { WorkspaceTrackingKeys } from './workspace-tracking-keys.service';

/** The workspaces' link-signing keys and the links signed with them: the worker signs tracking links, the API checks them. */
@Module({
  imports: [CryptoModule, WorkspacesDataModule],
  providers: [WorkspaceTrackingKeys, TrackingLinks],
  exports: [WorkspaceTrackingKeys, TrackingLinks],
})
export class TrackingModule {}

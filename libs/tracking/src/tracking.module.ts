import { Module } from '@nestjs/common';
import { CryptoModule } from '@app/crypto';
import { WorkspaceTrackingKeys } from './workspace-tracking-keys.service';

/** The workspaces' link-signing keys: the worker signs tracking links with them, the API checks them. */
@Module({
  imports: [CryptoModule],
  providers: [WorkspaceTrackingKeys],
  exports: [WorkspaceTrackingKeys],
})
export class TrackingModule {}

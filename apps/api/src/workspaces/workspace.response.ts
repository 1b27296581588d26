import { ApiProperty } from '@nestjs/swagger';
import type { WorkspaceEntity } from '@app/database';
import { CreatedApiKeyResponse } from '../api-keys/api-key.response';

export class TrackingSettingsResponse {
  @ApiProperty() opens: boolean;
  @ApiProperty() clicks: boolean;
}

export class WorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: TrackingSettingsResponse }) tracking: TrackingSettingsResponse;
  @ApiProperty({ description: 'People need a second factor to act in this workspace' }) requireTotp: boolean;
  @ApiProperty() createdAt: Date;

  static from(workspace: WorkspaceEntity): WorkspaceResponse {
    return {
      id: workspace.id,
      name: workspace.name,
      tracking: { opens: workspace.trackingOpens, clicks: workspace.trackingClicks },
      requireTotp: workspace.requireTotp,
      createdAt: workspace.createdAt,
    };
  }
}

export class CreatedWorkspaceResponse extends WorkspaceResponse {
  @ApiProperty({ type: CreatedApiKeyResponse, description: 'The first admin key; its `key` is shown only now' })
  apiKey: CreatedApiKeyResponse;
}

export class WorkspaceListResponse {
  @ApiProperty({ type: [WorkspaceResponse] }) data: WorkspaceResponse[];
}

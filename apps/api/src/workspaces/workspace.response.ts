import { ApiProperty } from '@nestjs/swagger';
import type { WorkspaceEntity } from '@app/database';
import { CreatedApiKeyResponse } from '../api-keys/api-key.response';

export class TrackingSettingsResponse {
  @ApiProperty() opens: boolean;
  @ApiProperty() clicks: boolean;
}

export class RetentionSettingsResponse {
  @ApiProperty({ description: 'Days message bodies (html, text, attachments, tracked link targets) are kept' }) bodiesDays: number;
  @ApiProperty({ description: 'Days messages and their events are kept' }) metadataDays: number;
}

export class WorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: TrackingSettingsResponse }) tracking: TrackingSettingsResponse;
  @ApiProperty({ description: 'People need a second factor to act in this workspace' }) requireTotp: boolean;
  @ApiProperty({ type: RetentionSettingsResponse }) retention: RetentionSettingsResponse;
  @ApiProperty({ description: 'Hard bounces and complaints also stop transactional mail to the address' })
  suppressTransactionalOnBounce: boolean;
  @ApiProperty() createdAt: Date;

  static from(workspace: WorkspaceEntity): WorkspaceResponse {
    return {
      id: workspace.id,
      name: workspace.name,
      tracking: { opens: workspace.trackingOpens, clicks: workspace.trackingClicks },
      requireTotp: workspace.requireTotp,
      retention: { bodiesDays: workspace.retentionBodiesDays, metadataDays: workspace.retentionMetadataDays },
      suppressTransactionalOnBounce: workspace.suppressTransactionalOnBounce,
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

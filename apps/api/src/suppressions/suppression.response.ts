import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUPPRESSION_REASONS, SuppressionEntity, SuppressionReason } from '@app/database';

export class SuppressionResponse {
  @ApiProperty() email: string;
  @ApiProperty({ enum: SUPPRESSION_REASONS }) reason: SuppressionReason;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) listId: string | null;
  @ApiProperty() createdAt: Date;

  static from(row: SuppressionEntity): SuppressionResponse {
    return { email: row.email, reason: row.reason, listId: row.listId, createdAt: row.createdAt };
  }
}

export class SuppressionListResponse {
  @ApiProperty({ type: [SuppressionResponse] }) data: SuppressionResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

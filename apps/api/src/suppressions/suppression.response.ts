import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUPPRESSION_REASONS, SuppressionEntity, SuppressionReason } from '@app/database';

export class SuppressionResponse {
  @ApiProperty() email: string;
  @ApiProperty({ enum: SUPPRESSION_REASONS }) reason: SuppressionReason;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) listId: string | null;
  @ApiProperty() createdAt: Date;

  /** `email` as the request named it: a suppression found by hash may have had its address erased. */
  static from(row: SuppressionEntity, email: string): SuppressionResponse {
    return { email, reason: row.reason, listId: row.listId, createdAt: row.createdAt };
  }
}

export class SuppressionListResponse {
  @ApiProperty({ type: [SuppressionResponse] }) data: SuppressionResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

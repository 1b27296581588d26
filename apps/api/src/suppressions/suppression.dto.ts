import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { SUPPRESSION_REASONS, SuppressionReason } from '@app/database';

export class CreateSuppressionDto {
  @ApiProperty({ example: 'someone@example.com' })
  @IsEmail({}, { message: '$property must be an email' })
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ enum: SUPPRESSION_REASONS, default: 'manual' })
  @IsOptional()
  @IsIn(SUPPRESSION_REASONS)
  reason?: SuppressionReason;

  @ApiPropertyOptional({ format: 'uuid', description: 'Suppress for this list only; omitted: all marketing mail of the workspace' })
  @IsOptional()
  @IsUUID()
  listId?: string;
}

export class SuppressionScopeQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  listId?: string;
}

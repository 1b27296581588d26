import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecipientErasureEntity } from '@app/database';

export const ERASURE_STATUSES = ['pending', 'completed'] as const;

/** An erasure as the API shows it: never the address, which is forgotten once it is done. */
export class RecipientErasureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ERASURE_STATUSES, description: 'pending until the worker has erased everything' })
  status: (typeof ERASURE_STATUSES)[number];
  @ApiProperty() requestedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ description: 'Messages that named the address, erased' }) messages: number;
  @ApiProperty({ description: 'Contacts deleted, with their list memberships' }) contacts: number;
  @ApiProperty({ description: 'Suppressions kept as a hash of the address only: it stays suppressed' }) suppressions: number;

  static from(erasure: RecipientErasureEntity): RecipientErasureResponse {
    return {
      id: erasure.id,
      status: erasure.completedAt ? 'completed' : 'pending',
      requestedAt: erasure.requestedAt,
      completedAt: erasure.completedAt,
      messages: erasure.messages,
      contacts: erasure.contacts,
      suppressions: erasure.suppressions,
    };
  }
}

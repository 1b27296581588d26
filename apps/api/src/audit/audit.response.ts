import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditActorType, AuditEventEntity } from '@app/database';

export class AuditActorResponse {
  @ApiProperty({ enum: ['user', 'api_key', 'operator'] }) type: AuditActorType;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The user's or API key's id; null for the operator token" }) id:
    string | null;
  @ApiProperty({ description: 'The user\'s email, the key\'s name and prefix, or "operator token"', example: 'ada@example.com' })
  label: string;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ type: AuditActorResponse }) actor: AuditActorResponse;
  @ApiProperty({ example: 'member.invited' }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What was acted on, as kind:id', example: 'integration:0b5e…' })
  target: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Names and ids only; never a key or a secret' })
  details: Record<string, unknown>;

  static from(event: AuditEventEntity): AuditEventResponse {
    return {
      id: event.id,
      at: event.at,
      actor: { type: event.actorType, id: event.actorId, label: event.actorLabel },
      action: event.action,
      target: event.target,
      details: event.details,
    };
  }
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEventResponse] }) data: AuditEventResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

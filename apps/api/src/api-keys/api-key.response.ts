import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyEntity, ApiKeyScope } from '@app/database';

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty({ description: 'The first characters of the key, to recognise it', example: 'mr_Ab12Cd' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;

  static from(key: ApiKeyEntity): ApiKeyResponse {
    return {
      id: key.id,
      name: key.name,
      scopes: key.scopes,
      prefix: key.prefix,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The secret key. Shown only in this response; store it now.' })
  key: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) data: ApiKeyResponse[];
}

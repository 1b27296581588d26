import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '@app/database';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Production app server' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['send'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `each value in scopes must be one of: ${API_KEY_SCOPES.join(', ')}` })
  scopes: ApiKeyScope[];
}

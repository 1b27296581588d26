import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsTemplateKey, MAX_TEMPLATE_KEY_LENGTH } from '../templates/template-key.validator';

/** A stored template to send instead of subject, html and text. */
export class MessageTemplateDto {
  @ApiProperty({ example: 'password-reset' })
  @IsString()
  @MaxLength(MAX_TEMPLATE_KEY_LENGTH)
  @IsTemplateKey()
  key: string;

  @ApiPropertyOptional({ minimum: 1, description: 'This version instead of the latest', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { name: 'Ada', resetUrl: 'https://app.example.com/reset/abc' },
    description: 'What the template sees as `data` ({{ data.name }}); it also sees the first `to` recipient as `to`',
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

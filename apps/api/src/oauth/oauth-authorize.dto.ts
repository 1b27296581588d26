import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

export class AuthorizeIntegrationDto {
  @ApiPropertyOptional({
    description:
      'Where the browser goes once the refresh token is stored: a dashboard page, as a path or a URL on the origin of ' +
      'PUBLIC_BASE_URL (below its path). Tracking and unsubscribe links (/t/…, /u/…), the API (/v1/…), /docs, /health and ' +
      '/metrics are not pages to return to, in any letter case or encoding. Any other URL is ignored and a short success ' +
      'page is shown instead.',
    example: '/integrations/4f6c1c2e-9b1a-4a51-8f4e-2d0c1b7f8a90',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @NoLineBreaks()
  returnUrl?: string;
}

import { ApiProperty } from '@nestjs/swagger';

export class RedirectUriResponse {
  @ApiProperty({
    description: 'The redirect URI to register with Microsoft or Google for the connect flow: {PUBLIC_BASE_URL}/v1/oauth2/callback',
    example: 'https://mail.example.com/v1/oauth2/callback',
  })
  redirectUri: string;
}

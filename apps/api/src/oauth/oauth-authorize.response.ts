import { ApiProperty } from '@nestjs/swagger';

export class AuthorizationResponse {
  @ApiProperty({
    description: "Open it in the admin's browser: the provider's consent screen, with PKCE (S256) and a single-use state",
    example: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=…&access_type=offline&prompt=consent&state=…',
  })
  authorizationUrl: string;

  @ApiProperty({
    description: 'The redirect URI the OAuth client must have registered with the provider',
    example: 'https://mail.example.com/v1/oauth2/callback',
  })
  redirectUri: string;

  @ApiProperty({ description: 'The consent must be completed before this time (10 minutes)' })
  expiresAt: Date;
}

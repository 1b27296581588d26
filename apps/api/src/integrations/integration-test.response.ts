import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class IntegrationTestStepResponse {
  @ApiProperty({
    enum: ['resolve', 'connect', 'tls', 'ehlo', 'token', 'auth', 'send', 'imap'],
    description: 'imap: with bounce processing on, logging in to the watched mailbox and opening its folder',
  })
  name: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Duration in milliseconds' }) ms: number;
  @ApiProperty({ description: "The server's own words, or the error" }) detail: string;
}

export class IntegrationTestResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [IntegrationTestStepResponse] }) steps: IntegrationTestStepResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'How to fix the failure' }) hint: string | null;
}

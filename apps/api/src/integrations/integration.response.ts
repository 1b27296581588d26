import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUTH_TYPES,
  AuthType,
  INTEGRATION_STATES,
  IntegrationEntity,
  IntegrationState,
  OAUTH_FLOWS,
  OAUTH_PROVIDERS,
  OAuthFlow,
  OAuthProvider,
  SMTP_SECURITY,
  SmtpSecurity,
} from '@app/database';
import { authSettingsOf } from './integration-auth.rules';

export class IntegrationAuthResponse {
  @ApiProperty({ enum: AUTH_TYPES }) type: AuthType;
  @ApiPropertyOptional({ nullable: true, type: String }) username: string | null;
  @ApiPropertyOptional({ enum: OAUTH_PROVIDERS, nullable: true }) provider: OAuthProvider | null;
  @ApiPropertyOptional({ enum: OAUTH_FLOWS, nullable: true }) flow: OAuthFlow | null;
  @ApiPropertyOptional({ nullable: true, type: String }) tenantId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) clientId: string | null;
  @ApiProperty() hasPassword: boolean;
  @ApiProperty() hasClientSecret: boolean;
  @ApiProperty() hasRefreshToken: boolean;
}

export class SenderResponse {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() default: boolean;
}

export class IntegrationStatusResponse {
  @ApiProperty({ enum: INTEGRATION_STATES }) state: IntegrationState;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What to do about lastError' }) hint: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) checkedAt: Date | null;
}

export class UsageResponse {
  @ApiProperty() transactional: boolean;
  @ApiProperty() marketing: boolean;
}

export class IntegrationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty({ enum: SMTP_SECURITY }) security: SmtpSecurity;
  @ApiPropertyOptional({ nullable: true, type: String }) ehloHostname: string | null;
  @ApiProperty() allowSelfSignedCertificate: boolean;
  @ApiProperty({ type: IntegrationAuthResponse }) auth: IntegrationAuthResponse;
  @ApiProperty({ type: [SenderResponse] }) senders: SenderResponse[];
  @ApiProperty({ type: UsageResponse }) usage: UsageResponse;
  @ApiPropertyOptional({ nullable: true, type: Number }) rateLimitPerMinute: number | null;
  @ApiProperty() maxConnections: number;
  @ApiProperty({ type: IntegrationStatusResponse }) status: IntegrationStatusResponse;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  /** Secrets never leave: only whether each one is stored. */
  static from(integration: IntegrationEntity): IntegrationResponse {
    return {
      id: integration.id,
      name: integration.name,
      host: integration.host,
      port: integration.port,
      security: integration.security,
      ehloHostname: integration.ehloHostname,
      allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
      auth: authSettingsOf(integration),
      senders: [...integration.senders]
        .sort((a, b) => a.position - b.position)
        .map((sender) => ({ name: sender.name, email: sender.email, default: sender.isDefault })),
      usage: { transactional: integration.usageTransactional, marketing: integration.usageMarketing },
      rateLimitPerMinute: integration.rateLimitPerMinute,
      maxConnections: integration.maxConnections,
      status: {
        state: integration.statusState,
        lastError: integration.statusLastError,
        hint: integration.statusHint,
        checkedAt: integration.statusCheckedAt,
      },
      createdAt: integration.createdAt,
      updatedAt: integration.updatedAt,
    };
  }
}

export class IntegrationListResponse {
  @ApiProperty({ type: [IntegrationResponse] }) data: IntegrationResponse[];
}

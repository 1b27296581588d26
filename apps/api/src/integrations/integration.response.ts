import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  BOUNCE_STATES,
  BounceState,
  ENVELOPE_SENDERS,
  EnvelopeSender,
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

export class BounceStatusResponse {
  @ApiProperty({ enum: BOUNCE_STATES, description: 'pending: enabled, not looked at yet' }) state: BounceState;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What to do about lastError' }) hint: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastCheckedAt: Date | null;
}

export class BounceMailboxAuthResponse {
  @ApiProperty({ enum: ['basic'] }) type: 'basic';
  @ApiProperty() username: string;
  @ApiProperty() hasPassword: boolean;
}

@ApiExtraModels(BounceMailboxAuthResponse)
export class BounceProcessingResponse {
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) host: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) port: number | null;
  @ApiPropertyOptional({ enum: SMTP_SECURITY, nullable: true }) security: SmtpSecurity | null;
  @ApiProperty() folder: string;
  @ApiProperty() processedFolder: string;
  @ApiProperty({
    description: '"same": the integration\'s own credentials',
    type: String,
    oneOf: [{ type: 'string', enum: ['same'] }, { $ref: getSchemaPath(BounceMailboxAuthResponse) }],
  })
  auth: 'same' | BounceMailboxAuthResponse;
  @ApiProperty({ enum: ENVELOPE_SENDERS }) envelopeSender: EnvelopeSender;
  @ApiProperty({ type: BounceStatusResponse }) status: BounceStatusResponse;

  static from(integration: IntegrationEntity): BounceProcessingResponse {
    return {
      enabled: integration.bouncesEnabled,
      host: integration.bouncesHost,
      port: integration.bouncesPort,
      security: integration.bouncesSecurity,
      folder: integration.bouncesFolder,
      processedFolder: integration.bouncesProcessedFolder,
      auth:
        integration.bouncesAuthType === 'same'
          ? 'same'
          : { type: 'basic', username: integration.bouncesUsername ?? '', hasPassword: integration.bouncesPasswordEncrypted !== null },
      envelopeSender: integration.bouncesEnvelopeSender,
      status: {
        state: integration.bouncesState,
        lastError: integration.bouncesLastError,
        hint: integration.bouncesHint,
        lastCheckedAt: integration.bouncesCheckedAt,
      },
    };
  }
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
  @ApiProperty({ type: BounceProcessingResponse }) bounces: BounceProcessingResponse;
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
      bounces: BounceProcessingResponse.from(integration),
      createdAt: integration.createdAt,
      updatedAt: integration.updatedAt,
    };
  }
}

export class IntegrationListResponse {
  @ApiProperty({ type: [IntegrationResponse] }) data: IntegrationResponse[];
}

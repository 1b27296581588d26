import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, givenFields } from '@app/audit';
import { AppConfig } from '@app/config';
import { IntegrationEntity, SenderEntity, TransactionRunner } from '@app/database';
import { IntegrationSecrets, IntegrationsRepository } from '@app/integrations';
import { OutboundHostRefusedError, resolveOutboundHost } from '@app/smtp';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { authProblems, authSettingsOf, awaitsRefreshToken } from './integration-auth.rules';
import { CreateIntegrationDto, IntegrationAuthDto, SenderDto, UpdateIntegrationDto } from './integration.dto';
import { IntegrationResponse } from './integration.response';
import { refusedUsage, usageConflict } from './integration-usage-conflict';
import { credentialDestinationOf, secretsToResend } from './secret-resend.rules';

const SECRET_FIELDS = ['password', 'clientSecret', 'refreshToken'] as const;
const CONNECT_HINT = 'Press "connect" (POST …/oauth2/authorize) to sign in with the provider and store a refresh token.';

@Injectable()
export class IntegrationsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly integrations: IntegrationsRepository,
    private readonly secrets: IntegrationSecrets,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  async create(workspaceId: WorkspaceId, principal: Principal, dto: CreateIntegrationDto): Promise<IntegrationResponse> {
    const integration = Object.assign(new IntegrationEntity(), { id: randomUUID(), workspaceId, credentialsVersion: 1 });
    this.applySettings(integration, dto);
    this.applyAuth(integration, dto.auth);
    this.applySenders(workspaceId, integration, dto.senders);
    await this.checkHost(integration.host);
    this.resetStatus(integration);
    const saved = await this.persist(workspaceId, integration, false);
    await this.audit.record(workspaceId, principal, 'integration.created', `integration:${saved.id}`, { name: saved.name });
    return IntegrationResponse.from(saved);
  }

  async list(workspaceId: WorkspaceId): Promise<IntegrationResponse[]> {
    return (await this.integrations.list(workspaceId)).map(IntegrationResponse.from);
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<IntegrationResponse> {
    return IntegrationResponse.from(await this.find(workspaceId, id));
  }

  /**
   * Omitted fields keep their values; an omitted secret keeps the stored one, unless the update
   * changes where or how credentials are sent (see secret-resend.rules.ts): then every stored
   * secret must come again, or the update is refused with 422 naming each.
   */
  async update(workspaceId: WorkspaceId, principal: Principal, id: string, dto: UpdateIntegrationDto): Promise<IntegrationResponse> {
    const integration = await this.find(workspaceId, id);
    const hostChanged = dto.host !== undefined && dto.host !== integration.host;
    const before = credentialDestinationOf(integration);
    this.applySettings(integration, dto);
    if (dto.auth) this.applyAuth(integration, dto.auth);
    const carried = SECRET_FIELDS.filter((field) => dto.auth?.[field] === undefined && this.secrets.has(integration, field));
    const resend = secretsToResend(before, credentialDestinationOf(integration), carried);
    if (resend.length > 0) throw new UnprocessableEntityException(resend);
    if (dto.senders) this.applySenders(workspaceId, integration, dto.senders);
    if (hostChanged) await this.checkHost(integration.host);
    if (dto.auth || dto.host || dto.port || dto.security || dto.ehloHostname || dto.allowSelfSignedCertificate !== undefined) {
      integration.credentialsVersion += 1;
      this.resetStatus(integration);
    }
    const saved = await this.persist(workspaceId, integration, dto.senders !== undefined);
    await this.audit.record(workspaceId, principal, 'integration.updated', `integration:${id}`, {
      name: saved.name,
      fields: givenFields(dto),
    });
    return IntegrationResponse.from(saved);
  }

  async remove(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<void> {
    if (!(await this.integrations.remove(workspaceId, id))) throw this.notFound(id);
    await this.audit.record(workspaceId, principal, 'integration.deleted', `integration:${id}`);
  }

  async find(workspaceId: WorkspaceId, id: string): Promise<IntegrationEntity> {
    const integration = await this.integrations.findById(workspaceId, id);
    if (!integration) throw this.notFound(id);
    return integration;
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException(`Integration ${id} not found`);
  }

  private applySettings(integration: IntegrationEntity, dto: UpdateIntegrationDto): void {
    integration.name = dto.name ?? integration.name;
    integration.host = dto.host?.toLowerCase() ?? integration.host;
    integration.port = dto.port ?? integration.port;
    integration.security = dto.security ?? integration.security;
    integration.ehloHostname = dto.ehloHostname ?? integration.ehloHostname ?? null;
    integration.allowSelfSignedCertificate = dto.allowSelfSignedCertificate ?? integration.allowSelfSignedCertificate ?? false;
    integration.usageTransactional = dto.usage?.transactional ?? integration.usageTransactional ?? false;
    integration.usageMarketing = dto.usage?.marketing ?? integration.usageMarketing ?? false;
    integration.rateLimitPerMinute = dto.rateLimitPerMinute ?? integration.rateLimitPerMinute ?? null;
    integration.maxConnections = dto.maxConnections ?? integration.maxConnections ?? 5;
  }

  /**
   * The same kind of auth (type, provider, flow, client) keeps what is stored and takes what is
   * given; another kind starts afresh, dropping secrets that belonged to the old one.
   */
  private applyAuth(integration: IntegrationEntity, dto: IntegrationAuthDto): void {
    const sameKind =
      integration.authType === dto.type &&
      (dto.provider ?? integration.provider) === integration.provider &&
      (dto.flow ?? integration.flow) === integration.flow &&
      (dto.clientId ?? integration.clientId) === integration.clientId;
    const keep = <T>(given: T | undefined, stored: T | null): T | null => given ?? (sameKind ? stored : null);

    integration.authType = dto.type;
    integration.username = keep(dto.username, integration.username);
    integration.provider = keep(dto.provider, integration.provider);
    integration.flow = keep(dto.flow, integration.flow) ?? (dto.provider === 'google' ? 'refresh_token' : null);
    integration.tenantId = keep(dto.tenantId, integration.tenantId);
    integration.clientId = keep(dto.clientId, integration.clientId);
    for (const field of SECRET_FIELDS) {
      if (dto[field] !== undefined) this.secrets.set(integration, field, dto[field]);
      else if (!sameKind) this.secrets.set(integration, field, null);
    }

    const problems = authProblems(authSettingsOf(integration));
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  /** The first sender is the default unless another is marked; more than one marked is an error. */
  private applySenders(workspaceId: WorkspaceId, integration: IntegrationEntity, senders: SenderDto[]): void {
    const marked = senders.filter((sender) => sender.default === true).length;
    if (marked > 1) throw new BadRequestException(['senders: only one sender can be the default']);
    const defaultIndex = marked === 1 ? senders.findIndex((sender) => sender.default === true) : 0;
    integration.senders = senders.map((sender, index) =>
      Object.assign(new SenderEntity(), {
        workspaceId,
        integrationId: integration.id,
        name: sender.name,
        email: sender.email.toLowerCase(),
        isDefault: index === defaultIndex,
        position: index,
      }),
    );
  }

  private async checkHost(host: string): Promise<void> {
    if (this.config.SMTP_ALLOW_PRIVATE_HOSTS) return;
    try {
      await resolveOutboundHost(host, { allowPrivateHosts: false });
    } catch (error) {
      if (error instanceof OutboundHostRefusedError) throw new UnprocessableEntityException([`host ${error.message}`]);
      throw new UnprocessableEntityException([`host ${host} could not be resolved in DNS`]);
    }
  }

  private resetStatus(integration: IntegrationEntity): void {
    const waiting = awaitsRefreshToken(authSettingsOf(integration));
    integration.statusState = waiting ? 'needs_reconnect' : 'untested';
    integration.statusLastError = waiting ? 'No refresh token stored yet' : null;
    integration.statusHint = waiting ? CONNECT_HINT : null;
    integration.statusCheckedAt = null;
  }

  private async persist(workspaceId: WorkspaceId, integration: IntegrationEntity, replaceSenders: boolean): Promise<IntegrationEntity> {
    try {
      await this.transactions.run(async (manager) => {
        if (replaceSenders) await this.integrations.removeSenders(workspaceId, integration.id, manager);
        await this.integrations.save(workspaceId, integration, manager);
      });
    } catch (error) {
      const usage = refusedUsage(error);
      if (!usage) throw error;
      const holder = await this.integrations.findByUsage(workspaceId, usage);
      throw usageConflict(usage, holder);
    }
    await this.integrations.changed(workspaceId);
    return (await this.integrations.findById(workspaceId, integration.id))!;
  }
}

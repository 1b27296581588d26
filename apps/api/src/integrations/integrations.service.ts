import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, givenFields } from '@app/audit';
import { AppConfig } from '@app/config';
import { IntegrationEntity, SenderEntity, TransactionRunner } from '@app/database';
import { IntegrationSecrets, IntegrationsRepository, readsMailboxWithOwnToken, SecretField } from '@app/integrations';
import { OutboundHostRefusedError, resolveOutboundHost } from '@app/smtp';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { BounceProcessingDto } from './bounce-processing.dto';
import { bounceProblems, mailboxDestinationOf, mailboxIsTheProviders } from './bounce-processing.rules';
import { authProblems, authSettingsOf, awaitsRefreshToken } from './integration-auth.rules';
import { CreateIntegrationDto, IntegrationAuthDto, SenderDto, UpdateIntegrationDto } from './integration.dto';
import { IntegrationResponse } from './integration.response';
import { refusedUsage, usageConflict } from './integration-usage-conflict';
import { credentialDestinationOf, secretsToResend } from './secret-resend.rules';

const SECRET_FIELDS = ['password', 'clientSecret', 'refreshToken'] as const;
const DEFAULT_BOUNCES = { folder: 'INBOX', processedFolder: 'Mailroom/Processed' };
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
    this.applyBounces(integration, dto.bounces);
    await this.checkHost('host', integration.host);
    if (integration.bouncesEnabled) await this.checkHost('bounces.host', integration.bouncesHost!);
    this.resetStatus(integration);
    this.resetBounceStatus(integration);
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
    const mailboxBefore = mailboxDestinationOf(integration);
    const readsMailboxBefore = readsMailboxWithOwnToken(integration);
    this.applySettings(integration, dto);
    if (dto.auth) this.applyAuth(integration, dto.auth);
    this.applyBounces(integration, dto.bounces);
    const carried = SECRET_FIELDS.filter((field) => dto.auth?.[field] === undefined && this.secrets.has(integration, field));
    const resend = [
      ...secretsToResend(before, credentialDestinationOf(integration), carried),
      // Turned off, the mailbox gets nothing: only a move to where it is on asks for secrets.
      ...(integration.bouncesEnabled
        ? secretsToResend(mailboxBefore, mailboxDestinationOf(integration), this.mailboxSecretsCarried(integration, dto, carried))
        : []),
    ];
    if (resend.length > 0) throw new UnprocessableEntityException([...new Set(resend)]);
    if (dto.senders) this.applySenders(workspaceId, integration, dto.senders);
    if (hostChanged) await this.checkHost('host', integration.host);
    const mailboxMoved = JSON.stringify(mailboxBefore) !== JSON.stringify(mailboxDestinationOf(integration));
    if (mailboxMoved && integration.bouncesEnabled) await this.checkHost('bounces.host', integration.bouncesHost!);
    // A token that must also read the mailbox is asked for with other scopes: cached ones do not serve.
    const scopesChanged = readsMailboxBefore !== readsMailboxWithOwnToken(integration);
    if (
      dto.auth ||
      dto.host ||
      dto.port ||
      dto.security ||
      dto.ehloHostname ||
      dto.allowSelfSignedCertificate !== undefined ||
      scopesChanged
    ) {
      integration.credentialsVersion += 1;
      this.resetStatus(integration);
    }
    if (dto.bounces || dto.auth) this.resetBounceStatus(integration);
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

  private async checkHost(field: string, host: string): Promise<void> {
    if (this.config.SMTP_ALLOW_PRIVATE_HOSTS) return;
    try {
      await resolveOutboundHost(host, { allowPrivateHosts: false });
    } catch (error) {
      if (error instanceof OutboundHostRefusedError) throw new UnprocessableEntityException([`${field} ${error.message}`]);
      throw new UnprocessableEntityException([`${field} ${host} could not be resolved in DNS`]);
    }
  }

  /**
   * Given fields change the stored bounce settings; omitted ones keep theirs. Another login kind
   * drops the stored mailbox password.
   */
  private applyBounces(integration: IntegrationEntity, dto: BounceProcessingDto | undefined): void {
    if (dto) {
      integration.bouncesEnabled = dto.enabled;
      integration.bouncesHost = dto.host?.toLowerCase() ?? integration.bouncesHost ?? null;
      integration.bouncesPort = dto.port ?? integration.bouncesPort ?? null;
      integration.bouncesSecurity = dto.security ?? integration.bouncesSecurity ?? null;
      integration.bouncesFolder = dto.folder ?? integration.bouncesFolder ?? DEFAULT_BOUNCES.folder;
      integration.bouncesProcessedFolder = dto.processedFolder ?? integration.bouncesProcessedFolder ?? DEFAULT_BOUNCES.processedFolder;
      integration.bouncesEnvelopeSender = dto.envelopeSender ?? integration.bouncesEnvelopeSender ?? 'watched_mailbox';
      if (dto.auth) {
        const sameKind = dto.auth.type === integration.bouncesAuthType;
        integration.bouncesAuthType = dto.auth.type;
        integration.bouncesUsername =
          dto.auth.type === 'basic' ? (dto.auth.username ?? (sameKind ? integration.bouncesUsername : null)) : null;
        if (dto.auth.password !== undefined) this.secrets.set(integration, 'bouncesPassword', dto.auth.password);
        else if (!sameKind || dto.auth.type === 'same') this.secrets.set(integration, 'bouncesPassword', null);
      }
    }
    integration.bouncesEnabled ??= false;
    integration.bouncesFolder ??= DEFAULT_BOUNCES.folder;
    integration.bouncesProcessedFolder ??= DEFAULT_BOUNCES.processedFolder;
    integration.bouncesAuthType ??= 'same';
    integration.bouncesEnvelopeSender ??= 'watched_mailbox';
    integration.bouncesPasswordEncrypted ??= null;
    const problems = bounceProblems(integration);
    if (problems.length > 0) throw new BadRequestException(problems);
  }

  /** The secrets the watched mailbox is logged in with and this request did not give again. */
  private mailboxSecretsCarried(
    integration: IntegrationEntity,
    dto: UpdateIntegrationDto,
    carriedSmtpSecrets: Array<(typeof SECRET_FIELDS)[number]>,
  ): SecretField[] {
    if (integration.bouncesAuthType === 'same') return mailboxIsTheProviders(integration) ? [] : carriedSmtpSecrets;
    const given = dto.bounces?.auth?.password !== undefined;
    return !given && this.secrets.has(integration, 'bouncesPassword') ? ['bouncesPassword'] : [];
  }

  /** Off is `disabled`; on, the watcher has not looked yet. */
  private resetBounceStatus(integration: IntegrationEntity): void {
    integration.bouncesState = integration.bouncesEnabled ? 'pending' : 'disabled';
    integration.bouncesLastError = null;
    integration.bouncesHint = null;
    integration.bouncesCheckedAt = null;
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
